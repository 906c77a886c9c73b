import Database from 'better-sqlite3';
import {
  NO_DELETE_TRIGGER,
  NO_DELETE_TRIGGER_SCHEMA_VERSION,
  NO_DELETE_TRIGGER_SQL,
} from '@ledger/event-store/sqlite/sqlite-schema';
import { ProblemLog } from '../audit-problem';

/**
 * The SQLite store's own guard: from schema version 3 SQLite numbers each
 * event (the largest position plus one), so only the no-delete trigger keeps
 * a removed newest event's position from going to the next one, where no gap
 * would show it. A trigger missing or not the store's own was changed by other
 * code since the store made it. Found at the head, the position a delete would
 * free.
 */
export function checkSqliteLogGuard(db: Database.Database, problems: ProblemLog): number {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version < NO_DELETE_TRIGGER_SCHEMA_VERSION) return 0;
  const trigger = db
    .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?")
    .pluck()
    .get(NO_DELETE_TRIGGER) as string | undefined;
  if (trigger === NO_DELETE_TRIGGER_SQL) return 0;
  const head = db.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck().get() as number;
  problems.add({
    position: Math.max(head, 1),
    check: 'store',
    message: `the event log's no-delete trigger (${NO_DELETE_TRIGGER}) ${trigger === undefined ? 'is missing' : "is not the store's own"}: a removed event's position could be given again without a gap`,
  });
  return 1;
}
