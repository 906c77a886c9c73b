/**
 * The process killed by sqlite-append-all.int.spec.ts: all-or-nothing appends
 * of three streams each, many in flight so that they share group commits,
 * each acknowledged on stdout (`acked N C`, C the WAL checkpoints the worker
 * thread has run so far) only once its promise settled, that is after the
 * COMMIT that holds it. Runs until it is killed. A larger filler takes the
 * WAL past the checkpoint threshold (sqlite-wal-checkpointer.int.spec.ts).
 *
 * Usage: node --import tsx append-all-crash.worker.ts <dataDir> [fillerChars]
 */
import { SqliteEventStore } from '../src/sqlite/sqlite-event-store';

const IN_FLIGHT = 16;

const part = (stream: string, n: number, fillerChars: number) => ({
  stream,
  expected: 'no_stream' as const,
  events: [
    {
      type: 'LinePart',
      data: { n, filler: 'x'.repeat(fillerChars) },
      metadata: {
        actor: 'crash-worker',
        role: 'test',
        businessDate: '2024-05-01',
        recordedAt: '2024-05-01T09:00:00.000Z',
      },
    },
  ],
});

async function main(): Promise<void> {
  const [dataDir, filler] = process.argv.slice(2);
  const fillerChars = Number(filler ?? 2_000);
  if (!dataDir) throw new Error('usage: append-all-crash.worker.ts dataDir');
  const store = SqliteEventStore.open({ dataDir });
  let next = 0;
  const writer = async () => {
    for (;;) {
      const n = next++;
      const parts = ['a', 'b', 'c'].map((s) => part(`${s}-${n}`, n, fillerChars));
      await store.appendAll!(parts);
      process.stdout.write(`acked ${n} ${store.appendStats().checkpoints ?? 0}\n`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, writer));
}

main().catch((err) => {
  process.stderr.write(String(err));
  process.exit(1);
});
