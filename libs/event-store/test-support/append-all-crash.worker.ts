/**
 * The process killed by sqlite-append-all.int.spec.ts: all-or-nothing appends
 * of three streams each, many in flight so that they share group commits,
 * each acknowledged on stdout (`acked N`) only once its promise settled, that
 * is after the COMMIT that holds it. Runs until it is killed.
 *
 * Usage: tsx append-all-crash.worker.ts <dataDir>
 */
import { SqliteEventStore } from '../src/sqlite/sqlite-event-store';

const IN_FLIGHT = 16;

const part = (stream: string, n: number) => ({
  stream,
  expected: 'no_stream' as const,
  events: [
    {
      type: 'LinePart',
      data: { n, filler: 'x'.repeat(2_000) },
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
  const [dataDir] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: append-all-crash.worker.ts dataDir');
  const store = SqliteEventStore.open({ dataDir });
  let next = 0;
  const writer = async () => {
    for (;;) {
      const n = next++;
      await store.appendAll!([part(`a-${n}`, n), part(`b-${n}`, n), part(`c-${n}`, n)]);
      process.stdout.write(`acked ${n}\n`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, writer));
}

main().catch((err) => {
  process.stderr.write(String(err));
  process.exit(1);
});
