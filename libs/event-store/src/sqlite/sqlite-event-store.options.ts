import type Database from 'better-sqlite3';
import type { RecordedEvent } from '../event-store.port';
import type { GroupCommitOptions } from './sqlite-group-commit';
import type { SqliteLogAnchor } from './sqlite-log-anchor';

/**
 * Writes read models in the same transaction as the events (embedded mode), so a
 * query right after a command sees it. Must be synchronous; if it throws, the
 * append is rolled back entirely and the error reaches the caller of `append`.
 */
export interface InlineProjector {
  applyInTransaction(db: Database.Database, events: RecordedEvent[]): void;
}

export interface SqliteEventStoreOptions {
  dataDir: string;
  /** Defaults to `ledger.sqlite`. */
  fileName?: string;
  inlineProjector?: InlineProjector;
  /** How often live subscriptions look for appends made by other processes. Default 50. */
  pollIntervalMs?: number;
  /**
   * Group commit (ADR 0006): appends made while the event loop is busy are
   * committed together in one transaction, one fsync, each in its own
   * savepoint. On by default; `false` commits every append on its own. When
   * absent, `LEDGER_SQLITE_GROUP_COMMIT=off` in the environment also turns it
   * off (how the benchmark runs the built API without it).
   */
  groupCommit?: false | Partial<GroupCommitOptions>;
  /**
   * The log head kept outside the database (issue #12): checked at open
   * (throws LogAnchorError when the log is shorter than it), then written
   * after every commit that wrote events, before those appends are answered.
   */
  anchor?: SqliteLogAnchor;
}
