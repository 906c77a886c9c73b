import type Database from 'better-sqlite3';
import { asBulkLoadAsync } from './bulk-load';
import { directWriter, DirectWriteOptions, useCache } from './direct-history.writer';
import type { CompiledStory } from './story-copy';
import { StoryRowsThread } from './story-rows.thread';

export interface PipelinedWriteOptions extends DirectWriteOptions {
  /** Stories per batch of rows the thread posts (none spans two transactions). Default 100. */
  storiesPerBatch?: number;
  /** Batches asked of the thread ahead of the one being inserted. Default 4. */
  batchesAhead?: number;
}

/**
 * `writeStoriesDirect` on two threads (ADR 0020 §59): a worker thread makes
 * the stories' texts and seals (story-rows.worker.ts) a few batches ahead,
 * which it can since a story's hash chains and positions depend only on the
 * story and the head it starts at, while this thread inserts the batch before
 * and folds the shared documents (they need the file's rows). The rows, the
 * transactions and what each commits are the single thread's. A failed
 * thread fails the write: the open transaction rolled back, the error thrown.
 */
export async function writeStoriesPipelined(
  db: Database.Database,
  story: CompiledStory,
  from: number,
  to: number,
  options: PipelinedWriteOptions = {},
): Promise<{ head: number; events: number }> {
  const perTransaction = options.storiesPerTransaction ?? 1_000;
  const perBatch = options.storiesPerBatch ?? 100;
  const ahead = options.batchesAhead ?? 4;
  const writer = directWriter(db, story);
  const batches: { first: number; last: number }[] = [];
  for (let t = from; t < to; t += perTransaction) {
    const end = Math.min(to, t + perTransaction);
    for (let b = t; b < end; b += perBatch)
      batches.push({ first: b, last: Math.min(end, b + perBatch) });
  }
  const rows = new StoryRowsThread(story);
  let requested = 0;
  const requestUpTo = (count: number) => {
    for (; requested < Math.min(batches.length, count); requested++) {
      const { first, last } = batches[requested];
      rows.request(first, last, writer.started + (first - from) * story.eventsPerStory);
    }
  };
  const writeAll = async () => {
    let next = 0;
    requestUpTo(ahead);
    for (let first = from; first < to; first += perTransaction) {
      const last = Math.min(to, first + perTransaction);
      db.exec('BEGIN IMMEDIATE');
      try {
        for (; next < batches.length && batches[next].first < last; next++) {
          const batch = await rows.next();
          requestUpTo(next + 1 + ahead);
          if (batch.first !== batches[next].first) throw new Error('rows out of order');
          writer.insert(batch);
        }
        writer.endTransaction();
        db.exec('COMMIT');
      } catch (err) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw err;
      }
      options.anchor?.recordHead(db);
    }
  };
  const restoreCache = useCache(db, options);
  try {
    if (writer.started === 0 && (options.bulkWhenEmpty ?? true))
      await asBulkLoadAsync(db, writeAll);
    else await writeAll();
  } finally {
    restoreCache();
    await rows.stop();
  }
  return { head: writer.head, events: writer.head - writer.started };
}
