import { EventStore } from '@ledger/event-store/event-store.port';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { SqliteLogAnchor } from '@ledger/event-store/sqlite/sqlite-log-anchor';
import { nowMs, round, tempDir, Workload } from '../bench-support';
import { eventAt, openRawEventTable } from '../raw-sqlite';

/**
 * Issue #4 workload 1: 2,000 streams × 10 events, one append per event with
 * the expected revision checked, then batches of 10, through the event-store
 * port of the embedded adapter, against raw better-sqlite3 doing the same
 * (raw-sqlite.ts) in the same run. A third figure makes the same single
 * appends concurrently (every stream's next append in flight at once), which
 * group commit (ADR 0006) puts in shared transactions.
 */
export const appendPathWorkload: Workload = async ({ quick }, report) => {
  const streams = quick ? 200 : 2_000;
  const perStream = 10;
  const total = streams * perStream;

  // The ledger (SqliteEventStore through the port) and the reference take
  // turns, round by round, so a change in the machine's load hits both alike.
  const ledgerDir = tempDir('append-port');
  // With the log anchor, as the API opens it (issue #12): one more file write per commit.
  const anchor = new SqliteLogAnchor(ledgerDir.dir);
  const sqlite = SqliteEventStore.open({ dataDir: ledgerDir.dir, anchor });
  const store: EventStore = sqlite;
  const rawDir = tempDir('append-raw');
  const raw = openRawEventTable(`${rawDir.dir}/raw.sqlite`);
  const ms = { portSingle: 0, rawSingle: 0, portBatch: 0, rawBatch: 0, portConcurrent: 0 };
  const timed = async (key: keyof typeof ms, work: () => Promise<void> | void) => {
    const t0 = nowMs();
    await work();
    ms[key] += nowMs() - t0;
  };

  for (let v = 0; v < perStream; v++) {
    const expected = v === 0 ? 'no_stream' : v - 1;
    await timed('portSingle', async () => {
      for (let s = 0; s < streams; s++) {
        await store.append(`person-${s}`, [eventAt(s, v)], expected);
      }
    });
    await timed('rawSingle', () => {
      for (let s = 0; s < streams; s++) raw.append(`person-${s}`, v - 1, [eventAt(s, v)]);
    });
  }
  const batchOf = (s: number) => Array.from({ length: perStream }, (_, v) => eventAt(s, v));
  const round10 = streams / 10;
  for (let r = 0; r < 10; r++) {
    await timed('portBatch', async () => {
      for (let s = r * round10; s < (r + 1) * round10; s++) {
        await store.append(`batch-${s}`, batchOf(s), 'no_stream');
      }
    });
    await timed('rawBatch', () => {
      for (let s = r * round10; s < (r + 1) * round10; s++)
        raw.append(`batch-${s}`, -1, batchOf(s));
    });
  }
  const before = sqlite.appendStats();
  for (let v = 0; v < perStream; v++) {
    await timed('portConcurrent', async () => {
      await Promise.all(
        Array.from({ length: streams }, (_, s) =>
          store.append(`concurrent-${s}`, [eventAt(s, v)], v === 0 ? 'no_stream' : v - 1),
        ),
      );
    });
  }
  const after = sqlite.appendStats();
  await store.close();
  ledgerDir.remove();
  raw.close();
  rawDir.remove();
  const rate = (key: keyof typeof ms) => total / (ms[key] / 1000);
  const [portSingle, rawSingle, portBatch, rawBatch, portConcurrent] = (
    ['portSingle', 'rawSingle', 'portBatch', 'rawBatch', 'portConcurrent'] as const
  ).map(rate);

  report({
    workload: 'append path',
    metric: `single appends (${streams} streams × ${perStream})`,
    value: round(portSingle, 0),
    unit: 'events/s',
    reference: round(rawSingle, 0),
    ratio: round(portSingle / rawSingle, 2),
    target: '≥ 0.5 of raw',
    met: portSingle / rawSingle >= 0.5,
    notes: `one append awaited at a time: one transaction and one fsync each, as raw, plus the log anchor (${anchor.writes} anchor writes in all)`,
  });
  report({
    workload: 'append path',
    metric: `batches of ${perStream}`,
    value: round(portBatch, 0),
    unit: 'events/s',
    reference: round(rawBatch, 0),
    ratio: round(portBatch / rawBatch, 2),
  });
  report({
    workload: 'append path',
    metric: `${streams} single appends in flight (group commit)`,
    value: round(portConcurrent, 0),
    unit: 'events/s',
    reference: round(rawSingle, 0),
    ratio: round(portConcurrent / rawSingle, 2),
    notes: `reference: raw single appends; ${after.appends - before.appends} appends in ${after.transactions - before.transactions} transactions`,
  });
};
