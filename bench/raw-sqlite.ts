import Database from 'better-sqlite3';
import { EventToAppend } from '@ledger/event-store/event-store.port';

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
