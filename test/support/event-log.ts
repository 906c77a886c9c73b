import Database from 'better-sqlite3';
import * as path from 'node:path';

/** Where the event log stands: enough to tell whether anything was appended. */
export interface EventLogMark {
  count: number;
  maxPosition: number | null;
}

/**
 * Reads `SELECT COUNT(*), MAX(position) FROM events` from `<dataDir>/ledger.sqlite`
 * through a read-only connection of its own (the API process holds the file in
 * WAL mode; a read-only reader sees every committed append and never
 * checkpoints). Only `events` counts: idempotency records and read models are
 * not the ledger.
 */
export function eventLogMark(dataDir: string): EventLogMark {
  const db = new Database(path.join(dataDir, 'ledger.sqlite'), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    const row = db
      .prepare('SELECT COUNT(*) AS count, MAX(position) AS maxPosition FROM events')
      .get() as EventLogMark;
    return { count: row.count, maxPosition: row.maxPosition };
  } finally {
    db.close();
  }
}
