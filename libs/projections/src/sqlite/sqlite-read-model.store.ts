import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import type { InlineProjector } from '@ledger/event-store/sqlite/sqlite-event-store';
import { LEDGER_PROJECTIONS } from '../projections';
import { LedgerReadModelQueries } from '../queries/ledger-read-model.queries';
import { Projection, ReadEventsPage } from '../read-model';
import { SqliteReadModelFetcher } from './sqlite-read-model.fetcher';
export { journalRowOf } from './sqlite-read-model.fetcher';
import { SqliteReadModelWriter } from './sqlite-read-model.writer';
import type { DocumentTable } from './document-table';
import type { EventRouting } from '../event-type-routes';

export const SQLITE_READ_MODEL_LIMITS = {
  /**
   * Events per page when catching up or rebuilding. A page's events and the
   * documents they load live through the young generation's collections
   * that fall inside it, and what survives two of them is promoted: at 1,000
   * a rebuild of 1M events peaked at 134 MB, at 500 at 126-131 MB with fewer
   * full collections (ADR 0020 §84).
   */
  replayPageSize: 500,
} as const;

/**
 * The read models of the embedded backend, in the same SQLite file as the
 * events. As the event store's inline projector it writes them inside the
 * append transaction, with one checkpoint row per projection, so a query
 * right after a command sees it and a crash never leaves them half-written.
 *
 * Idempotent by position: an event at or below a projection's checkpoint
 * changes nothing. In the append transaction a projection applies a batch only
 * when it directly follows its checkpoint (SQLite positions have no gaps);
 * a projection that is behind (new, or reset by a version bump, or written by
 * a process without the projector) is left alone instead of skipping events,
 * and `catchUp` brings it level. Call `catchUp` before attaching it.
 *
 * The queries are those of every store (`LedgerReadModelQueries`) over
 * `SqliteReadModelFetcher`; the writing is `SqliteReadModelWriter`'s.
 */
export class SqliteReadModels extends LedgerReadModelQueries implements InlineProjector {
  private readonly writer: SqliteReadModelWriter;

  constructor(
    private readonly db: Database.Database,
    projections: readonly Projection[] = LEDGER_PROJECTIONS,
    options: {
      /**
       * Where the documents are written (default: this file's documents
       * table). Verification's replay keeps them in a file of its own; the
       * queries still read this file's table.
       */
      documents?: DocumentTable;
    } = {},
  ) {
    super(new SqliteReadModelFetcher(db));
    this.writer = new SqliteReadModelWriter(db, projections, options.documents);
  }

  /** InlineProjector: runs inside the event store's append transaction. */
  applyInTransaction(db: Database.Database, events: RecordedEvent[]): void {
    if (db !== this.db)
      throw new Error('read models must be written on the event store connection');
    if (!db.inTransaction)
      throw new Error('applyInTransaction must run inside the append transaction');
    this.writer.apply(events, true);
  }

  /**
   * Applies events in their own transaction (catch-up, rebuild, a projector
   * process); `routing` for verification's replay only (`EventTypeRoutes`).
   */
  applyEvents(events: readonly RecordedEvent[], routing?: EventRouting): void {
    this.db.transaction(() => this.writer.apply(events, false, routing)).immediate();
  }

  /**
   * Replays what the read models have not seen yet, page by page, each page in
   * one transaction, until a read finds nothing new (an append that lands
   * between a read and its apply is in the next page). Returns the checkpoint.
   */
  async catchUp(readAll: ReadEventsPage): Promise<number> {
    const pageSize = SQLITE_READ_MODEL_LIMITS.replayPageSize;
    let after = this.checkpointNow();
    for (;;) {
      const page = await readAll(after, pageSize);
      if (page.length === 0) break;
      this.applyEvents(page);
      after = page[page.length - 1].position;
    }
    return this.checkpointNow();
  }

  async checkpoint(): Promise<number> {
    return this.checkpointNow();
  }

  /** The lowest checkpoint over every projection: all of them have processed it. */
  checkpointNow(): number {
    return this.writer.checkpoint();
  }
}
