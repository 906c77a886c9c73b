import type Database from 'better-sqlite3';
import { NO_DELETE_TRIGGER, NO_DELETE_TRIGGER_SQL } from '../src/sqlite/sqlite-schema';

/**
 * Tampering as someone with write access to the file would: the store's
 * no-delete trigger dropped, events removed, the trigger put back, so that
 * only the removal is left for verification (or the anchor) to find.
 */
export function deleteEventsBehindTheStore(
  db: Database.Database,
  where: string,
  ...params: unknown[]
): void {
  db.transaction(() => {
    db.exec(`DROP TRIGGER ${NO_DELETE_TRIGGER}`);
    db.prepare(`DELETE FROM events WHERE ${where}`).run(...params);
    db.exec(NO_DELETE_TRIGGER_SQL);
  })();
}
