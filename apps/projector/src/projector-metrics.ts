import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export interface LagSources {
  /** The event store's last position. */
  headPosition(): Promise<number>;
  /** The read models' checkpoint: the last position applied. */
  checkpoint(): Promise<number>;
  /** Events applied since the process started. */
  applied(): number;
}

/**
 * The projector's Prometheus series. Lag is measured at scrape time, head
 * minus checkpoint in events: a stuck projector shows a growing gauge even
 * when no progress line is logged.
 */
export class ProjectorMetrics {
  readonly registry = new Registry();

  constructor(sources: LagSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'ledger_projector_' });
    new Gauge({
      name: 'ledger_projector_lag_events',
      help: 'Events in the store not yet applied to the read models (head - checkpoint)',
      registers: [this.registry],
      async collect() {
        const [head, checkpoint] = await Promise.all([
          sources.headPosition(),
          sources.checkpoint(),
        ]);
        this.set(Math.max(0, head - checkpoint));
      },
    });
    let reported = 0;
    new Counter({
      name: 'ledger_projector_applied_events_total',
      help: 'Events applied to the read models by this process',
      registers: [this.registry],
      collect() {
        const applied = sources.applied();
        this.inc(applied - reported);
        reported = applied;
      },
    });
  }
}

/** `/metrics` and `/health/live` on their own port (the image's HEALTHCHECK probes the latter). */
export async function startProjectorMetricsServer(
  metrics: ProjectorMetrics,
  port: number,
): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const url = (req.url ?? '').split('?')[0];
    if (url === '/health/live') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    if (url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text),
      (error: unknown) =>
        res.writeHead(503, { 'content-type': 'text/plain' }).end(`${String(error)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, resolve);
  });
  server.unref();
  return { server, port: (server.address() as AddressInfo).port };
}
