import Database from 'better-sqlite3';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { EventToAppend } from '@ledger/event-store/event-store.port';
import { nowMs, round, tempDir, Workload } from '../bench-support';

const metadata = {
  actor: 'bench',
  role: 'finance',
  businessDate: '2023-03-10',
  recordedAt: '2023-03-10T02:00:00.000Z',
};
const eventAt = (s: number, v: number): EventToAppend => ({
  type: 'CapReserved',
  data: { reservationId: `t1:c${s}-${v}`, amountFen: 250_000, personKey: 'k'.repeat(40) },
  metadata,
});

/**
 * Issue #4 workload 1: streams × events, one append per event with the
 * expected revision checked, then batches of 10, through the port of the
 * embedded adapter, against raw better-sqlite3 doing the same in the same run.
 */
export const appendPathWorkload: Workload = async ({ quick }, report) => {
  const streams = quick ? 200 : 2_000;
  const perStream = 10;
  const total = streams * perStream;

  // The ledger: SqliteEventStore through the port.
  const ledgerDir = tempDir('append-port');
  const store = SqliteEventStore.open({ dataDir: ledgerDir.dir });
  let t0 = nowMs();
  for (let v = 0; v < perStream; v++) {
    for (let s = 0; s < streams; s++) {
      await store.append(`person-${s}`, [eventAt(s, v)], v === 0 ? 'no_stream' : v - 1);
    }
  }
  const portSingle = total / ((nowMs() - t0) / 1000);
  t0 = nowMs();
  for (let s = 0; s < streams; s++) {
    await store.append(
      `batch-${s}`,
      Array.from({ length: perStream }, (_, v) => eventAt(s, v)),
      'no_stream',
    );
  }
  const portBatch = total / ((nowMs() - t0) / 1000);
  await store.close();
  ledgerDir.remove();

  // The reference: raw better-sqlite3, a table keyed by stream and version,
  // WAL, synchronous=FULL, one transaction per append, revision checked.
  const rawDir = tempDir('append-raw');
  const db = new Database(`${rawDir.dir}/raw.sqlite`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE events (stream TEXT NOT NULL, version INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL, PRIMARY KEY (stream, version))',
  );
  const head = db.prepare('SELECT MAX(version) AS v FROM events WHERE stream = ?');
  const insert = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?)');
  const appendRaw = db.transaction((stream: string, expected: number, events: EventToAppend[]) => {
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
  t0 = nowMs();
  for (let v = 0; v < perStream; v++) {
    for (let s = 0; s < streams; s++) appendRaw.immediate(`person-${s}`, v - 1, [eventAt(s, v)]);
  }
  const rawSingle = total / ((nowMs() - t0) / 1000);
  t0 = nowMs();
  for (let s = 0; s < streams; s++) {
    appendRaw.immediate(
      `batch-${s}`,
      -1,
      Array.from({ length: perStream }, (_, v) => eventAt(s, v)),
    );
  }
  const rawBatch = total / ((nowMs() - t0) / 1000);
  db.close();
  rawDir.remove();

  report({
    workload: 'append path',
    metric: `single appends (${streams} streams × ${perStream})`,
    value: round(portSingle, 0),
    unit: 'events/s',
    reference: round(rawSingle, 0),
    ratio: round(portSingle / rawSingle, 2),
    target: '≥ 0.5 of raw',
  });
  report({
    workload: 'append path',
    metric: `batches of ${perStream}`,
    value: round(portBatch, 0),
    unit: 'events/s',
    reference: round(rawBatch, 0),
    ratio: round(portBatch / rawBatch, 2),
  });
};
