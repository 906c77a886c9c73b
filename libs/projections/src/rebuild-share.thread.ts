import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { LEDGER_PROJECTIONS } from './projections';
import type { Projection } from './read-model';
import type {
  RebuildShareInput,
  RebuildShareMessage,
  RebuildShareRequest,
} from './rebuild-share.worker';
import { startWorker } from './threads/start-worker';

/**
 * The projections a full rebuild hands to a second thread: by the replay
 * split of 100k events of the bench's history (bench/replay-split.ts), the
 * seat application view alone is a third of the projections' CPU (its
 * document holds every claim), and the audit index writes a row per event
 * with three indexes. With person caps there too, the second thread was the
 * busier one (6.6 against 5.6 CPU s).
 */
export const REBUILD_SHARE: readonly string[] = ['seat-application-view', 'audit-event-index'];

/** Pages posted and not yet applied: bounds what waits in the thread's queue (4: ~10–30 MB more RSS). */
const PAGES_IN_FLIGHT = 2;

export interface RebuildShare {
  /** Posts a page; waits while too many are not applied yet. */
  send(events: RecordedEvent[]): Promise<void>;
  /** After the last page: the lowest checkpoint of the thread's projections. */
  finish(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * The share of `projections` a second thread takes (those named in
 * `REBUILD_SHARE`, as `LEDGER_PROJECTIONS` has them: a thread can only be
 * told names), or none when the file cannot be opened twice (in memory)
 * or this thread would be left nothing.
 */
export function rebuildShareOf(
  db: Database.Database,
  projections: readonly Projection[],
): Projection[] {
  if (db.memory || db.name === '') return [];
  const shared = projections.filter(
    (p) => REBUILD_SHARE.includes(p.name) && LEDGER_PROJECTIONS.includes(p),
  );
  // Nothing left to this thread: no second one is worth starting.
  return shared.length < projections.length ? shared : [];
}

export function startRebuildShare(input: RebuildShareInput): RebuildShare {
  const worker = startWorker(__filename, 'rebuild-share.worker', input);
  let pending = 0;
  let failure: Error | undefined;
  let closed = false;
  let wake: (() => void) | undefined;
  let finished: { resolve: (n: number) => void; reject: (e: Error) => void } | undefined;
  const fail = (err: Error) => {
    failure ??= err;
    wake?.();
    finished?.reject(failure);
  };
  worker.on('message', (m: RebuildShareMessage) => {
    if (m.kind === 'applied') {
      pending -= 1;
      wake?.();
    } else if (m.kind === 'done') {
      closed = true;
      finished?.resolve(m.checkpoint);
    } else {
      fail(new Error(`rebuild thread failed: ${m.message}`));
    }
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (!closed) fail(new Error(`rebuild thread exited with code ${code}`));
  });
  const post = (request: RebuildShareRequest) => worker.postMessage(request);
  return {
    async send(events) {
      if (failure) throw failure;
      post({ kind: 'page', events });
      pending += 1;
      while (pending >= PAGES_IN_FLIGHT && !failure) {
        await new Promise<void>((resolve) => (wake = resolve));
      }
      if (failure) throw failure;
    },
    finish() {
      if (failure) return Promise.reject(failure);
      const result = new Promise<number>((resolve, reject) => (finished = { resolve, reject }));
      post({ kind: 'end' });
      return result;
    },
    async stop() {
      closed = true;
      await worker.terminate();
    },
  };
}
