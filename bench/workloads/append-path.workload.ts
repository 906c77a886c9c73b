import { EventStore } from '@ledger/event-store/event-store.port';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { SqliteLogAnchor } from '@ledger/event-store/sqlite/sqlite-log-anchor';
import { nowMs, round, tempDir, Workload } from '../bench-support';
import { GROUP_COMMIT_DEFAULTS } from '@ledger/event-store/sqlite/sqlite-event-store';
import { eventAt, openRawEventTable, openRawGroupedTable, RawAppend } from '../raw-sqlite';

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
  // Group commit's ceiling: the same appends, grouped as the API groups them
  // (GROUP_COMMIT_DEFAULTS.maxAppends a transaction), raw, on the store's
  // table layout and on a minimal table.
  const groupedDir = tempDir('append-grouped');
  const rawLedgerLayout = openRawGroupedTable(`${groupedDir.dir}/ledger-layout.sqlite`, 'ledger');
  const rawMinimal = openRawGroupedTable(`${groupedDir.dir}/minimal.sqlite`, 'minimal');
  const perTransaction = GROUP_COMMIT_DEFAULTS.maxAppends;
  // The appends in flight on a file of their own, empty as the raw grouped
  // files are (not behind the single and batch appends above), with its anchor.
  const inFlightDir = tempDir('append-in-flight');
  const inFlightAnchor = new SqliteLogAnchor(inFlightDir.dir);
  const inFlight = SqliteEventStore.open({ dataDir: inFlightDir.dir, anchor: inFlightAnchor });
  const ms = {
    portSingle: 0,
    rawSingle: 0,
    portBatch: 0,
    rawBatch: 0,
    portConcurrent: 0,
    rawGroupedLedgerLayout: 0,
    rawGroupedMinimal: 0,
  };
  /** CPU of this process in each timed phase (µs), a figure a loaded box inflates less than wall time. */
  const cpuUs: Partial<Record<keyof typeof ms, number>> = {};
  const timed = async (key: keyof typeof ms, work: () => Promise<void> | void) => {
    const t0 = nowMs();
    const cpu0 = process.cpuUsage();
    await work();
    ms[key] += nowMs() - t0;
    const cpu = process.cpuUsage(cpu0);
    cpuUs[key] = (cpuUs[key] ?? 0) + cpu.user + cpu.system;
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
  const before = inFlight.appendStats();
  for (let v = 0; v < perStream; v++) {
    const appends: RawAppend[] = Array.from({ length: streams }, (_, s) => ({
      stream: `concurrent-${s}`,
      expected: v - 1,
      events: [eventAt(s, v)],
    }));
    const expected = v === 0 ? 'no_stream' : v - 1;
    // In turns, each round starting with the next one, so none always goes first.
    // All three take the same appends, built before the clock starts: the
    // callers' objects are not the store's work, and raw never paid for them.
    const three = [
      () =>
        timed('portConcurrent', async () => {
          await Promise.all(appends.map((a) => inFlight.append(a.stream, a.events, expected)));
        }),
      () =>
        timed('rawGroupedLedgerLayout', () =>
          rawLedgerLayout.appendGrouped(appends, perTransaction),
        ),
      () => timed('rawGroupedMinimal', () => rawMinimal.appendGrouped(appends, perTransaction)),
    ];
    for (let k = 0; k < three.length; k++) await three[(k + v) % three.length]();
  }
  const after = inFlight.appendStats();
  await inFlight.close();
  inFlightDir.remove();
  await store.close();
  ledgerDir.remove();
  raw.close();
  rawDir.remove();
  rawLedgerLayout.close();
  rawMinimal.close();
  groupedDir.remove();
  const rate = (key: keyof typeof ms) => total / (ms[key] / 1000);
  const cpuPerEvent = (key: keyof typeof ms) => round((cpuUs[key] ?? 0) / total, 1);
  const [
    portSingle,
    rawSingle,
    portBatch,
    rawBatch,
    portConcurrent,
    rawGroupedLedgerLayout,
    rawGroupedMinimal,
  ] = (
    [
      'portSingle',
      'rawSingle',
      'portBatch',
      'rawBatch',
      'portConcurrent',
      'rawGroupedLedgerLayout',
      'rawGroupedMinimal',
    ] as const
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
    reference: round(rawGroupedLedgerLayout, 0),
    ratio: round(portConcurrent / rawGroupedLedgerLayout, 2),
    target: '≥ 0.7 of raw grouped, same layout',
    met: portConcurrent / rawGroupedLedgerLayout >= 0.7,
    notes: `reference: raw better-sqlite3, ${perTransaction} appends per transaction on the store's table layout, rounds in turns, each on an empty file; the store with its log anchor (${inFlightAnchor.writes} anchor writes); ${after.appends - before.appends} appends in ${after.transactions - before.transactions} transactions; CPU ${cpuPerEvent('portConcurrent')} µs an event against ${cpuPerEvent('rawGroupedLedgerLayout')} raw; ${round(portConcurrent / rawSingle, 2)} of raw single appends`,
  });
  report({
    workload: 'append path',
    metric: `table layout, raw grouped (${perTransaction} per transaction)`,
    value: round(rawGroupedLedgerLayout, 0),
    unit: 'events/s',
    reference: round(rawGroupedMinimal, 0),
    ratio: round(rawGroupedLedgerLayout / rawGroupedMinimal, 2),
    target: '≥ 0.8 of a minimal table',
    met: rawGroupedLedgerLayout / rawGroupedMinimal >= 0.8,
    notes:
      "the store's layout for a new file (schema 4: position the rowid, a minted event id derived from the position and not stored, callers' ids under a partial UNIQUE index, UNIQUE (stream, revision), no-delete trigger) against (stream, version) primary key only, same appends, same grouping",
  });
};
