import type Database from 'better-sqlite3';

/** Bumped by every change below; stored in `PRAGMA user_version`. */
export const SQLITE_SCHEMA_VERSION = 3;

/**
 * A stream's revision is `MAX(revision)` over its rows: one descent of the
 * `(stream, revision)` index, so the expected-revision check needs no table of
 * its own (version 3, ADR 0020 §62: the `streams` table of versions 1–2 cost
 * every append an upsert at a random key).
 * `position` is the rowid, so SQLite gives each insert the largest position
 * plus one. A position would be given again only if the newest row were
 * removed: `events_no_delete` refuses every DELETE, which is what AUTOINCREMENT
 * (versions 1–2, and files created by them still) guarded against, without
 * its `sqlite_sequence` row written by every insert.
 * No index on `type` (version 2, ADR 0020 §31): every append paid an insert
 * into it, and a type-filtered read scans the position range instead, as a
 * stream-prefix filter always did.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  stream TEXT NOT NULL,
  revision INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  metadata TEXT NOT NULL,
  UNIQUE (stream, revision)
);
`;

/**
 * The log is appended to, never shortened: see SCHEMA. The text is what
 * SQLite keeps in `sqlite_master`, so verification can tell the trigger is
 * this one (sqlite-log-guard.check.ts).
 */
export const NO_DELETE_TRIGGER = 'events_no_delete';
export const NO_DELETE_TRIGGER_SQL =
  `CREATE TRIGGER ${NO_DELETE_TRIGGER} BEFORE DELETE ON events\n` +
  "BEGIN SELECT RAISE(ABORT, 'the event log is append-only: no event is ever deleted'); END";

/**
 * Versions 1–2 → 3. A file keeps its AUTOINCREMENT table (dropping it would
 * copy the whole log at open, under the write lock): only its `streams` table
 * and, from version 1, its type index go.
 */
const MIGRATE_TO_3 = `
DROP INDEX IF EXISTS events_type_position;
DROP TABLE IF EXISTS streams;
`;

/**
 * Creates or upgrades the schema once, at open. Runs under BEGIN IMMEDIATE so
 * two processes opening a fresh file at the same moment do not both create it,
 * nor both migrate an old one.
 */
export function migrateEventStoreSchema(db: Database.Database): void {
  db.transaction(() => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SQLITE_SCHEMA_VERSION) {
      throw new Error(
        `event store schema version ${version} is newer than this code (${SQLITE_SCHEMA_VERSION})`,
      );
    }
    if (version === SQLITE_SCHEMA_VERSION) return;
    db.exec(version < 1 ? SCHEMA : MIGRATE_TO_3);
    db.exec(NO_DELETE_TRIGGER_SQL.replace('CREATE TRIGGER', 'CREATE TRIGGER IF NOT EXISTS'));
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
  }).immediate();
}
