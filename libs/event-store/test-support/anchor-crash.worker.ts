/**
 * The process killed by log-anchor-crash.int.spec.ts: single appends in
 * flight through group commit with the log anchor on, each acknowledged on
 * stdout (`acked P`, P its position) only once its promise settled, that is
 * after the COMMIT and the anchor write that cover it. Runs until killed.
 *
 * Usage: node --import tsx anchor-crash.worker.ts <dataDir> <firstStream>
 */
import { SqliteEventStore } from '../src/sqlite/sqlite-event-store';
import { SqliteLogAnchor } from '../src/sqlite/sqlite-log-anchor';

const IN_FLIGHT = 24;

async function main(): Promise<void> {
  const [dataDir, first] = process.argv.slice(2);
  if (!dataDir || first === undefined)
    throw new Error('usage: anchor-crash.worker.ts dataDir first');
  const store = SqliteEventStore.open({ dataDir, anchor: new SqliteLogAnchor(dataDir) });
  let next = Number(first);
  const writer = async () => {
    for (;;) {
      const n = next++;
      const { position } = await store.append(
        `line-${n}`,
        [
          {
            type: 'Line',
            data: { n },
            metadata: {
              actor: 'crash-worker',
              role: 'test',
              businessDate: '2024-05-01',
              recordedAt: '2024-05-01T09:00:00.000Z',
            },
          },
        ],
        'no_stream',
      );
      process.stdout.write(`acked ${position}\n`);
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, writer));
}

main().catch((err) => {
  process.stderr.write(String(err));
  process.exit(1);
});
