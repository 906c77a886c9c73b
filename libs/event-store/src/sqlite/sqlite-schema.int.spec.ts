import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { metadataFor } from '../../test-support/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';

/** Schema version 1 as the store created it (before ADR 0020 §31), for the migration. */
const SCHEMA_V1 = `
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
CREATE INDEX IF NOT EXISTS events_type_position ON events (type, position);
CREATE TABLE IF NOT EXISTS streams (
  stream TEXT PRIMARY KEY,
  revision INTEGER NOT NULL
) WITHOUT ROWID;
`;

const indexNames = (db: Database.Database) =>
  (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'events'")
      .pluck()
      .all() as string[]
  ).sort();

describe('SQLite event store schema', () => {
  let dataDir: string;
  let file: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-test-schema-'));
    file = join(dataDir, 'ledger.sqlite');
  });

  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  /** A version 1 file: 4 events on 2 streams, the newest (position 5) removed, so the sequence is ahead of the head. */
  function writeVersion1File(): void {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec(SCHEMA_V1);
    const insert = db.prepare(
      'INSERT INTO events (event_id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const metadata = JSON.stringify(metadataFor('schema-spec'));
    const rows: [string, string, number, string][] = [
      ['e1', 'a', 0, 'Opened'],
      ['e2', 'b', 0, 'Opened'],
      ['e3', 'a', 1, 'Noted'],
      ['e4', 'b', 1, 'Closed'],
      ['e5', 'b', 2, 'Noted'],
    ];
    for (const [id, stream, revision, type] of rows) {
      insert.run(id, stream, revision, type, JSON.stringify({ id }), metadata);
    }
    db.prepare('DELETE FROM events WHERE position = 5').run();
    db.exec("INSERT INTO streams VALUES ('a', 1), ('b', 1)");
    db.pragma('user_version = 1');
    db.close();
  }

  it('given a new file, when opening, then it is version 2 with no type index', async () => {
    const store = SqliteEventStore.open({ dataDir });

    expect(store.database.pragma('user_version', { simple: true })).toBe(2);
    expect(indexNames(store.database)).not.toContain('events_type_position');
    await store.close();
  });

  it('given a version 1 file, when opening, then it migrates to 2 keeping its events and positions, and appends after them', async () => {
    writeVersion1File();

    const store = SqliteEventStore.open({ dataDir });

    expect(store.database.pragma('user_version', { simple: true })).toBe(2);
    expect(indexNames(store.database)).not.toContain('events_type_position');
    expect(
      (await store.readAll()).map((e) => [e.position, e.eventId, e.stream, e.revision]),
    ).toEqual([
      [1, 'e1', 'a', 0],
      [2, 'e2', 'b', 0],
      [3, 'e3', 'a', 1],
      [4, 'e4', 'b', 1],
    ]);
    await expect(
      store.append('a', [{ type: 'Noted', data: {}, metadata: metadataFor('schema-spec') }], 0),
    ).rejects.toMatchObject({ name: 'ConcurrencyError' });
    await expect(
      store.append(
        'b',
        [{ type: 'Noted', eventId: 'e1', data: {}, metadata: metadataFor('x') }],
        1,
      ),
    ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });

    // Position 5 was used once: AUTOINCREMENT still never gives it again.
    const result = await store.append(
      'b',
      [{ type: 'Noted', data: {}, metadata: metadataFor('schema-spec') }],
      1,
    );

    expect(result).toEqual({ nextExpectedRevision: 2, position: 6 });
    expect((await store.readAll({ eventTypes: ['Noted'] })).map((e) => e.position)).toEqual([3, 6]);
    await store.close();
    const reopened = SqliteEventStore.open({ dataDir });
    expect(await reopened.headPosition()).toBe(6);
    await reopened.close();
  });
});
