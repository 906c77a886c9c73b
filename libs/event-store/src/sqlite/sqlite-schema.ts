import type Database from 'better-sqlite3';

/** Bumped by every change below; stored in `PRAGMA user_version`. */
export const SQLITE_SCHEMA_VERSION = 2;

/**
 * `streams` keeps each stream's current revision so an expected-revision check
 * is one primary-key lookup, whatever the length of the stream.
 * AUTOINCREMENT (not a bare rowid) so a position is never reused, even if the
 * newest row were ever removed.
 * No index on `type` (version 2, ADR 0020 §31): every append paid an insert
 * into it, and a type-filtered read scans the position range instead, as a
 * stream-prefix filter always did.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  stream TEXT NOT NULL,
  revision INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  metadata TEXT NOT NULL,
  UNIQUE (stream, revision)
);
CREATE TABLE IF NOT EXISTS streams (
  stream TEXT PRIMARY KEY,
  revision INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** Version 1 → 2: the schema above without the type index of version 1. */
const MIGRATE_1_TO_2 = 'DROP INDEX IF EXISTS events_type_position;';

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
    if (version < 1) db.exec(SCHEMA);
    else db.exec(MIGRATE_1_TO_2);
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
  }).immediate();
}
