import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { killWhen } from '../../test-support/kill-when';
import { readLogAnchorSlots } from './log-anchor-file';
import { SqliteEventStore } from './sqlite-event-store';
import { LOG_ANCHOR_FILE, logAnchorProblem, readLogAnchor } from './sqlite-log-anchor';

const ROOT = path.resolve(__dirname, '../../../..');
const WORKER = path.join(ROOT, 'libs/event-store/test-support/anchor-crash.worker.ts');
const KILLS = 5;

/** ADR 0020 §60: the anchor written in place, under SIGKILL at arbitrary moments. */
describe('log anchor under SIGKILL', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-anchor-crash-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('given appends in flight killed five times at different moments, then after every kill the anchor reads, covers every acknowledged append, is reached by the log, and the store opens on it', async () => {
    const file = path.join(dataDir, LOG_ANCHOR_FILE);
    let lines = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      // Kill after a different number of acknowledgements each time: 60, 150, 240, …
      const after = 60 + kill * 90;
      const { stdout, signal } = await killWhen(
        WORKER,
        [dataDir, String(lines)],
        ROOT,
        (out) => out.split('acked ').length - 1 >= after,
      );
      expect(signal).toBe('SIGKILL');
      const acked = [...stdout.matchAll(/acked (\d+)\n/g)].map((m) => Number(m[1]));
      expect(acked.length).toBeGreaterThanOrEqual(after);

      const anchor = readLogAnchor(file)!; // never "damaged"
      expect(anchor.position).toBeGreaterThanOrEqual(Math.max(...acked));
      expect(readLogAnchorSlots(file).filter((slot) => slot !== undefined)).toHaveLength(2);
      const store = SqliteEventStore.open({ dataDir });
      try {
        // Killed, not left writing: the log stands still (a worker under tsx's CLI went on).
        const head = await store.headPosition();
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(await store.headPosition()).toBe(head);
        expect(logAnchorProblem(store.database, anchor)).toBeUndefined();
        const events = await store.readAll();
        const have = new Set(events.map((e) => e.position));
        for (const position of acked) expect(have.has(position)).toBe(true);
        // The next run's streams after every line this one wrote, acknowledged or not.
        lines = Math.max(lines, ...events.map((e) => (e.data.n as number) + 1));
      } finally {
        await store.close();
      }
    }
  }, 120_000);
});
