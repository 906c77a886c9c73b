import Database from 'better-sqlite3';
import { EventToAppend } from '@ledger/event-store/event-store.port';
import { SqliteEventIds } from '@ledger/event-store/sqlite/sqlite-event-ids';
import { migrateEventStoreSchema } from '@ledger/event-store/sqlite/sqlite-schema';

/**
 * The reference of the append figures: raw better-sqlite3, a table keyed by
 * stream and version, WAL, synchronous=FULL, one transaction (one fsync) per
 * append, the expected version checked inside it. No savepoint, no read
 * model, no event id index: the least a correct append on this disk can cost.
 */
export function openRawEventTable(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE IF NOT EXISTS events (stream TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, PRIMARY KEY (stream, version))',
  );
  const head = db.prepare('SELECT MAX(version) AS v FROM events WHERE stream = ?');
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?)');
  const append = db.transaction((stream: string, expected: number, events: EventToAppend[]) => {
    const current = (head.get(stream) as { v: number | null }).v ?? -1;
    if (current !== expected) throw new Error('conflict');
    events.forEach((e, i) =>
      insert.run(
        stream,
        expected + 1 + i,
        e.type,
        JSON.stringify(e.data),
        JSON.stringify(e.metadata),
      ),
    );
  });
  return {
    db,
    /** One BEGIN IMMEDIATE … COMMIT per call. */
    append: (stream: string, expected: number, events: EventToAppend[]) =>
      append.immediate(stream, expected, events),
    close: () => db.close(),
  };
}

/** One append of a grouped run: a stream, its expected version, its events. */
export interface RawAppend {
  stream: string;
  expected: number;
  events: EventToAppend[];
}

/**
 * Raw grouped appends, `perTransaction` appends in each BEGIN IMMEDIATE …
 * COMMIT (one fsync), the expected version checked per append: the ceiling of
 * group commit on a table layout. `layout: 'ledger'` is the event store's
 * for a new file (sqlite-schema.ts, version 4: position the rowid, the
 * event id stored as the store stores it (none for a minted one, so the
 * partial UNIQUE index of callers' ids is not written; sqlite-event-ids.ts),
 * UNIQUE (stream, revision), the no-delete trigger; no type index, no
 * `streams` table, the stream's revision its MAX);
 * `'minimal'` the table of openRawEventTable.
 */
export function openRawGroupedTable(file: string, layout: 'ledger' | 'minimal') {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  let append: (a: RawAppend) => void;
  if (layout === 'ledger') {
    // The store's own schema code, so this layout cannot drift from it.
    migrateEventStoreSchema(db);
    // Ids as the store stores them: none for a minted one on a new file (schema 4).
    const ids = SqliteEventIds.of(db);
    const head = db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream = ?');
    const insert = db.prepare(
      'INSERT INTO events (event_id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    );
    append = ({ stream, expected, events }) => {
      const { revision } = head.get(stream) as { revision: number | null };
      if ((revision ?? -1) !== expected) throw new Error('conflict');
      events.forEach((e, i) =>
        insert.run(
          ids.toStore(undefined, i),
          stream,
          expected + 1 + i,
          e.type,
          JSON.stringify(e.data),
          JSON.stringify(e.metadata),
        ),
      );
    };
  } else {
    db.exec(
      'CREATE TABLE events (stream TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, PRIMARY KEY (stream, version))',
    );
    const head = db.prepare('SELECT MAX(version) AS v FROM events WHERE stream = ?');
    const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?)');
    append = ({ stream, expected, events }) => {
      if (((head.get(stream) as { v: number | null }).v ?? -1) !== expected) {
        throw new Error('conflict');
      }
      events.forEach((e, i) =>
        insert.run(
          stream,
          expected + 1 + i,
          e.type,
          JSON.stringify(e.data),
          JSON.stringify(e.metadata),
        ),
      );
    };
  }
  const group = db.transaction((appends: RawAppend[]) => appends.forEach(append));
  return {
    db,
    /** The appends in order, `perTransaction` to a transaction. */
    appendGrouped(appends: RawAppend[], perTransaction: number): void {
      for (let i = 0; i < appends.length; i += perTransaction) {
        group.immediate(appends.slice(i, i + perTransaction));
      }
    },
    close: () => db.close(),
  };
}

const metadata = {
  actor: 'bench',
  role: 'finance',
  businessDate: '2023-03-10',
  recordedAt: '2023-03-10T02:00:00.000Z',
};

/** A cap reservation's size and shape: the commonest ledger event. */
export const eventAt = (s: number, v: number): EventToAppend => ({
  type: 'CapReserved',
  data: { reservationId: `t1:c${s}-${v}`, amountFen: 250_000, personKey: 'k'.repeat(40) },
  metadata,
});

/**
 * What the reference command servers write for command `n`: `count` events,
 * each the first of a stream of its own, all in one transaction.
 */
export function commandAppends(n: number, count: number): RawAppend[] {
  return Array.from({ length: count }, (_, i) => ({
    stream: `command-${n}-${i}`,
    expected: -1,
    events: [eventAt(n, i)],
  }));
}

/** Head position of a ledger file, read on a connection of its own. */
export function headPositionOf(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (
      db.prepare('SELECT COALESCE(MAX(position), 0) AS head FROM events').get() as {
        head: number;
      }
    ).head;
  } finally {
    db.close();
  }
}
