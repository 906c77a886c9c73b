import type Database from 'better-sqlite3';
import { EVENT_STORE_META_TABLE, insertEventIdSalt } from './sqlite-event-ids';

/** Bumped by every change below; stored in `PRAGMA user_version`. */
export const SQLITE_SCHEMA_VERSION = 4;
/** The first version with the no-delete trigger (every file is given it at open). */
export const NO_DELETE_TRIGGER_SCHEMA_VERSION = 3;

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
 * Version 4 (new files only, ADR 0020 §96): `event_id` holds a caller's own
 * id, NULL when the store minted it (read back as an id derived from the
 * position and the file's salt, sqlite-event-ids.ts), and its UNIQUE index
 * covers only the ids held: an append of minted ids pays no insert into it.
 * A file of version 3 keeps its NOT NULL UNIQUE column (a column constraint
 * goes only by copying the whole log) and its stored UUIDv7 ids.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY,
  event_id TEXT,
  stream TEXT NOT NULL,
  revision INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  metadata TEXT NOT NULL,
  UNIQUE (stream, revision)
);
CREATE UNIQUE INDEX IF NOT EXISTS events_event_id ON events (event_id) WHERE event_id IS NOT NULL;
CREATE TABLE IF NOT EXISTS ${EVENT_STORE_META_TABLE} (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
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
    if (version >= NO_DELETE_TRIGGER_SCHEMA_VERSION) return;
    if (version < 1) {
      db.exec(SCHEMA);
      insertEventIdSalt(db);
    } else {
      // Versions 1–2 become 3, not 4: their `event_id` column stays as it is.
      db.exec(MIGRATE_TO_3);
    }
    db.exec(NO_DELETE_TRIGGER_SQL.replace('CREATE TRIGGER', 'CREATE TRIGGER IF NOT EXISTS'));
    db.pragma(
      `user_version = ${version < 1 ? SQLITE_SCHEMA_VERSION : NO_DELETE_TRIGGER_SCHEMA_VERSION}`,
    );
  }).immediate();
}
