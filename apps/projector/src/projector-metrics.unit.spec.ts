import { ProjectorMetrics, startProjectorMetricsServer } from './projector-metrics';

/** Issue #15 point 5: the projector's lag and progress on `/metrics`. */
describe('projector metrics', () => {
  it('given a head ahead of the checkpoint, when scraped over HTTP, then lag and applied events are reported', async () => {
    const state = { head: 10, checkpoint: 7, applied: 3 };
    const metrics = new ProjectorMetrics({
      headPosition: () => Promise.resolve(state.head),
      checkpoint: () => Promise.resolve(state.checkpoint),
      applied: () => state.applied,
    });
    const { server, port } = await startProjectorMetricsServer(metrics, 0);
    try {
      const scrape = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      let text = await scrape();
      expect(text).toMatch(/^ledger_projector_lag_events 3$/m);
      expect(text).toMatch(/^ledger_projector_applied_events_total 3$/m);
      Object.assign(state, { head: 12, checkpoint: 12, applied: 8 });
      text = await scrape();
      expect(text).toMatch(/^ledger_projector_lag_events 0$/m);
      expect(text).toMatch(/^ledger_projector_applied_events_total 8$/m);
      expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
    } finally {
      server.close();
    }
  });
});
