import * as fs from 'node:fs';
import type Database from 'better-sqlite3';

/**
 * Runs `write` on a file that holds no event yet as a bulk load: the
 * secondary indexes (every `CREATE INDEX` of the schema) dropped first and
 * created again, from their own SQL, after the rows, one sort each instead
 * of an insert at a random place per row; the rollback journal in memory and
 * `synchronous = OFF` meanwhile (no WAL, so each page is written once), then
 * the file fsynced and the store's WAL and synchronous setting restored. A
 * crash midway leaves a new file that must be thrown away (nothing the store
 * acknowledged is in it); what a finished run leaves is the same rows, indexes
 * and schema as the store's own way.
 */
export function asBulkLoad(db: Database.Database, write: () => void): void {
  const bulk = beginBulkLoad(db);
  try {
    write();
    bulk.createIndexes();
  } finally {
    bulk.restore();
  }
  fsyncFile(db);
}

/** `asBulkLoad` for a `write` that waits (the pipelined writer waits for its thread's rows). */
export async function asBulkLoadAsync(
  db: Database.Database,
  write: () => Promise<void>,
): Promise<void> {
  const bulk = beginBulkLoad(db);
  try {
    await write();
    bulk.createIndexes();
  } finally {
    bulk.restore();
  }
  fsyncFile(db);
}

function beginBulkLoad(db: Database.Database): { createIndexes(): void; restore(): void } {
  const journalBefore = db.pragma('journal_mode', { simple: true }) as string;
  const synchronousBefore = db.pragma('synchronous', { simple: true }) as number;
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[];
  if (db.pragma('journal_mode = MEMORY', { simple: true }) !== 'memory') {
    throw new Error('could not take the file out of WAL mode for the bulk load');
  }
  const restore = () => {
    db.pragma(`synchronous = ${synchronousBefore}`);
    db.pragma(`journal_mode = ${journalBefore}`);
  };
  try {
    db.pragma('synchronous = OFF');
    db.transaction(() => {
      for (const { name } of indexes) db.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
    }).immediate();
  } catch (err) {
    restore();
    throw err;
  }
  return {
    createIndexes: () =>
      db
        .transaction(() => {
          for (const { sql } of indexes) db.exec(sql);
        })
        .immediate(),
    restore,
  };
}

/** synchronous = OFF left the pages to the OS: on disk before anyone reads the file as a ledger. */
function fsyncFile(db: Database.Database): void {
  const fd = fs.openSync(db.name, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
