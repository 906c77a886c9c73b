/**
 * Where a replay's CPU goes, without SQLite writes (issue #16, ADR 0020):
 *
 *   node --import tsx bench/replay-split.ts <dataDir>
 *
 * Prints the CPU seconds of reading every event through the store's
 * `readAll` in pages of 1,000, then of running the 28 projections over them
 * with documents kept as JSON text in a Map (parsed on load, serialised on
 * put, as the SQLite writer does), and the operations that made. A rebuild's
 * CPU minus these two is what SQLite itself costs.
 */
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { LEDGER_PROJECTIONS } from '@ledger/projections/projections';
import { projectionOperations, writeOperations } from '@ledger/projections/read-model';

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
}

async function main(): Promise<void> {
  const [dataDir] = process.argv.slice(2);
  if (!dataDir) throw new Error('usage: replay-split.ts <dataDir>');
  const store = SqliteEventStore.open({ dataDir, groupCommit: false });
  const pages: RecordedEvent[][] = [];
  let since = process.cpuUsage();
  for (let after = 0; ;) {
    const page = await store.readAll({ afterPosition: after, maxCount: 1_000 });
    if (page.length === 0) break;
    pages.push(page);
    after = page[page.length - 1].position;
  }
  const readSeconds = cpuSeconds(since);
  const docs = new Map<string, string>();
  const counts = { puts: 0, deletes: 0, journalRows: 0, documentBytes: 0 };
  since = process.cpuUsage();
  for (const page of pages) {
    for (const projection of LEDGER_PROJECTIONS) {
      for (const event of page) {
        const operations = projectionOperations(projection, event, (collection, id) => {
          const text = docs.get(`${collection}\u0000${id}`);
          return text === undefined ? undefined : (JSON.parse(text) as object);
        });
        writeOperations(operations, {
          put(op) {
            const text = JSON.stringify(op.doc);
            counts.puts += 1;
            counts.documentBytes += text.length;
            docs.set(`${op.collection}\u0000${op.id}`, text);
          },
          delete(op) {
            counts.deletes += 1;
            docs.delete(`${op.collection}\u0000${op.id}`);
          },
          journal(op) {
            counts.journalRows += 1;
            JSON.stringify(op.row);
          },
        });
      }
    }
  }
  const projectSeconds = cpuSeconds(since);
  await store.close();
  process.stdout.write(
    `${JSON.stringify({ events: pages.reduce((n, p) => n + p.length, 0), readSeconds, projectSeconds, documents: docs.size, ...counts })}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
