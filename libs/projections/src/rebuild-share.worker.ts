import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { LEDGER_PROJECTIONS } from './projections';
import { REBUILD_CACHE_SIZE } from './rebuild';
import { SqliteReadModels } from './sqlite/sqlite-read-model.store';

/** What `startRebuildShare` hands the thread: the file and the projections it rebuilds. */
export interface RebuildShareInput {
  file: string;
  projections: string[];
  busyTimeoutMs: number;
}

export type RebuildShareRequest = { kind: 'page'; events: RecordedEvent[] } | { kind: 'end' };

export type RebuildShareMessage =
  { kind: 'applied' } | { kind: 'done'; checkpoint: number } | { kind: 'failed'; message: string };

/**
 * A share of a rebuild on a thread of its own (issue #16): the pages the
 * rebuilding thread reads are posted here and applied to some projections,
 * on this thread's connection to the same file, one transaction per page
 * with their checkpoints, exactly as the rebuilding thread applies the others.
 * SQLite's write lock orders the two threads' transactions.
 */
function serve(input: RebuildShareInput): void {
  const port = parentPort!;
  const db = new Database(input.file, { timeout: input.busyTimeoutMs });
  const fail = (err: unknown) => {
    port.postMessage({
      kind: 'failed',
      message: err instanceof Error ? (err.stack ?? err.message) : String(err),
    } satisfies RebuildShareMessage);
    if (db.open) db.close();
    port.close();
  };
  try {
    // The rebuild's settings (rebuild.ts), on this connection.
    if (db.pragma('journal_mode', { simple: true }) === 'wal') db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = ${REBUILD_CACHE_SIZE}`);
    const projections = LEDGER_PROJECTIONS.filter((p) => input.projections.includes(p.name));
    const readModels = new SqliteReadModels(db, projections);
    port.on('message', (request: RebuildShareRequest) => {
      try {
        if (request.kind === 'page') {
          readModels.applyEvents(request.events);
          port.postMessage({ kind: 'applied' } satisfies RebuildShareMessage);
        } else {
          const checkpoint = readModels.checkpointNow();
          db.close();
          port.postMessage({ kind: 'done', checkpoint } satisfies RebuildShareMessage);
          port.close();
        }
      } catch (err) {
        fail(err);
      }
    });
  } catch (err) {
    fail(err);
  }
}

if (parentPort) serve(workerData as RebuildShareInput);
