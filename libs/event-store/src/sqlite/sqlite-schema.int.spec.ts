import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { metadataFor } from '../../test-support/event-store.contract';
import { SqliteEventStore } from './sqlite-event-store';
import { NO_DELETE_TRIGGER_SQL } from './sqlite-schema';

/** The `events` table of versions 1–3, `position` declared as given. */
const eventsTableBefore4 = (position: string) => `
CREATE TABLE IF NOT EXISTS events (
  position ${position},
  event_id TEXT NOT NULL UNIQUE,
  stream TEXT NOT NULL,
  revision INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  metadata TEXT NOT NULL,
  UNIQUE (stream, revision)
);
`;

/** Schema version 1 as the store created it (before ADR 0020 §31), for the migration. */
const SCHEMA_V1 = `${eventsTableBefore4('INTEGER PRIMARY KEY AUTOINCREMENT')}
CREATE INDEX IF NOT EXISTS events_type_position ON events (type, position);
CREATE TABLE IF NOT EXISTS streams (
  stream TEXT PRIMARY KEY,
  revision INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** Schema version 3 as the store created it (before ADR 0020 §96), without its trigger. */
const SCHEMA_V3 = eventsTableBefore4('INTEGER PRIMARY KEY');

/** Schema version 2 as the store created it (before ADR 0020 §62). */
const SCHEMA_V2 = SCHEMA_V1.replace(
  'CREATE INDEX IF NOT EXISTS events_type_position ON events (type, position);',
  '',
);

const tableNames = (db: Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]
  ).sort();

const triggerSql = (db: Database.Database) =>
  db.prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[];

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

  /** A version 1 (or 2) file: 4 events on 2 streams, the newest (position 5) removed, so the sequence is ahead of the head. */
  function writeVersion1File(version = 1): void {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec(version === 1 ? SCHEMA_V1 : SCHEMA_V2);
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
    db.pragma(`user_version = ${version}`);
    db.close();
  }

  it('given a new file, when opening, then it is version 4: no type index, no streams table, position the rowid, the no-delete trigger, event ids indexed only where held', async () => {
    const store = SqliteEventStore.open({ dataDir });

    expect(store.database.pragma('user_version', { simple: true })).toBe(4);
    expect(indexNames(store.database)).not.toContain('events_type_position');
    // No AUTOINCREMENT table, so SQLite keeps no sqlite_sequence either.
    expect(tableNames(store.database)).toEqual(['event_store_meta', 'events']);
    expect(triggerSql(store.database)).toEqual([NO_DELETE_TRIGGER_SQL]);
    expect(
      store.database
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'events_event_id'")
        .pluck()
        .get(),
    ).toMatch(/ON events \(event_id\) WHERE event_id IS NOT NULL$/);
    await store.close();
  });

  it('given a version 3 file, when opening, then it stays version 3, and an id the store mints is a UUIDv7 stored in its NOT NULL UNIQUE column', async () => {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec(SCHEMA_V3);
    db.exec(NO_DELETE_TRIGGER_SQL);
    db.pragma('user_version = 3');
    db.close();

    const store = SqliteEventStore.open({ dataDir });
    const metadata = metadataFor('schema-spec');
    await store.append('a', [{ type: 'Opened', data: {}, metadata }], 'no_stream');

    expect(store.database.pragma('user_version', { simple: true })).toBe(3);
    expect(tableNames(store.database)).toEqual(['events']);
    const stored = store.database.prepare('SELECT event_id FROM events').pluck().get();
    expect(stored).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect((await store.readAll())[0].eventId).toBe(stored);
    await store.close();
  });

  it('given a new file with events, when a delete is tried, then it is refused and the newest position is never given again', async () => {
    const store = SqliteEventStore.open({ dataDir });
    const metadata = metadataFor('schema-spec');
    await store.append('a', [{ type: 'Opened', data: {}, metadata }], 'no_stream');
    await store.append('b', [{ type: 'Opened', data: {}, metadata }], 'no_stream');

    expect(() => store.database.prepare('DELETE FROM events WHERE position = 2').run()).toThrow(
      /append-only/,
    );
    expect(() => store.database.prepare('DELETE FROM events').run()).toThrow(/append-only/);

    expect(await store.headPosition()).toBe(2);
    const result = await store.append('b', [{ type: 'Noted', data: {}, metadata }], 0);
    expect(result).toEqual({ nextExpectedRevision: 1, position: 3 });
    await store.close();
  });

  it('given a stream, when appending at a stale, a future or a missing revision, then each is refused as by the streams table before', async () => {
    const store = SqliteEventStore.open({ dataDir });
    const metadata = metadataFor('schema-spec');
    const one = [{ type: 'Noted', data: {}, metadata }];
    await store.append('a', [...one, ...one, ...one], 'no_stream');

    for (const expected of ['no_stream', 0, 1, 3] as const) {
      await expect(store.append('a', one, expected)).rejects.toMatchObject({
        name: 'ConcurrencyError',
      });
    }
    await expect(store.append('fresh', one, 0)).rejects.toMatchObject({
      name: 'ConcurrencyError',
    });
    expect(await store.append('a', one, 2)).toEqual({ nextExpectedRevision: 3, position: 4 });
    expect(await store.append('fresh', one, 'no_stream')).toEqual({
      nextExpectedRevision: 0,
      position: 5,
    });
    await store.close();
  });

  it('given a version 2 file, when opening, then it migrates to 3: the streams table goes, the trigger comes, AUTOINCREMENT stays', async () => {
    writeVersion1File(2);

    const store = SqliteEventStore.open({ dataDir });

    expect(store.database.pragma('user_version', { simple: true })).toBe(3);
    expect(tableNames(store.database)).toEqual(['events', 'sqlite_sequence']);
    expect(triggerSql(store.database)).toEqual([NO_DELETE_TRIGGER_SQL]);
    await expect(
      store.append('b', [{ type: 'Noted', data: {}, metadata: metadataFor('x') }], 'no_stream'),
    ).rejects.toMatchObject({ name: 'ConcurrencyError' });
    const result = await store.append(
      'b',
      [{ type: 'Noted', data: {}, metadata: metadataFor('schema-spec') }],
      1,
    );
    // Position 5 was used once: AUTOINCREMENT still never gives it again.
    expect(result).toEqual({ nextExpectedRevision: 2, position: 6 });
    expect(() => store.database.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    await store.close();
  });

  it('given a version 1 file, when opening, then it migrates to 3 keeping its events and positions, and appends after them', async () => {
    writeVersion1File();

    const store = SqliteEventStore.open({ dataDir });

    expect(store.database.pragma('user_version', { simple: true })).toBe(3);
    expect(tableNames(store.database)).toEqual(['events', 'sqlite_sequence']);
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
