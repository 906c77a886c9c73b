import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLedger, TEST_JWT_SECRET, tokenFor } from '../../test/support/ledger-process';
import { nowMs, round, startReferenceServer, tempDir, Workload } from '../bench-support';
import { BULK_LOAD, appendStories, recordTemplate, storyIds } from '../history';
import { closedLoop, HttpCall, LoadResult, mergeResults, withCpu } from '../http-load';
import { openEmbeddedLedger } from '../ledger-fixture';
import { eventAt, headPositionOf, openRawEventTable } from '../raw-sqlite';

const CLAIMS = 4;
const finance = { authorization: `Bearer ${tokenFor('fay', 'finance')}` };

interface Run {
  approvals: LoadResult;
  payments: LoadResult;
  events: number;
  seconds: number;
  /** CPU of the API process while it was loaded, % of one core. */
  serverCpuPct: number;
  /** Server CPU ms and events written, per kind of command. */
  cpuMs: { approvals: number; payments: number };
  eventsOf: { approvals: number; payments: number };
}

/**
 * Issue #4 workload 2: concurrent commands through the built API, a separate
 * OS process, driven by a closed-loop generator in this process.
 *
 * Commands: tranche 1 approvals of many small applications (4 claims each: the
 * reservation process appends TrancheApprovalStarted, a CapReserved on each
 * person's stream, TrancheApproved: 6 appends in sequence), then payments of
 * other applications' publicised tranches (BankReferenceUsed,
 * TrancheDisbursed). The applications are written beforehand with the history
 * template (history.ts), then the file is copied, so both runs start alike.
 *
 * References, in the same run:
 * - the same API and commands with group commit off
 *   (LEDGER_SQLITE_GROUP_COMMIT=off: one transaction, one fsync per append);
 * - raw better-sqlite3 writing the same number of events, one transaction
 *   per single-event append, sequentially (raw-sqlite.ts): what one fsync per
 *   append allows on this disk, with no HTTP, domain or read model at all.
 */
export const httpCommandsWorkload: Workload = async ({ quick }, report) => {
  // Each mode runs `rounds` times, alternating, each on a fresh copy of the
  // file, so a change in the machine's load falls on both modes alike.
  const rounds = quick ? 1 : 2;
  const approvals = quick ? 100 : 1_000;
  const payments = quick ? 100 : 1_000;
  const concurrency = quick ? 8 : 32;
  const warmUp = concurrency * 2;

  const seed = tempDir('http-seed');
  try {
    await httpCommands(seed.dir, { rounds, approvals, payments, concurrency, warmUp }, report);
  } finally {
    seed.remove();
  }
};

async function httpCommands(
  seedDir: string,
  o: {
    rounds: number;
    approvals: number;
    payments: number;
    concurrency: number;
    warmUp: number;
  },
  report: Parameters<Workload>[1],
): Promise<void> {
  const { rounds, approvals, payments, concurrency, warmUp } = o;
  const ledger = openEmbeddedLedger(seedDir, BULK_LOAD);
  const reviewed = await recordTemplate('reviewed', CLAIMS);
  const publicised = await recordTemplate('publicised', CLAIMS);
  await appendStories(ledger.store, reviewed, 0, approvals + warmUp);
  const firstPayable = approvals + warmUp;
  await appendStories(ledger.store, publicised, firstPayable, firstPayable + payments + warmUp);
  ledger.store.database.pragma('wal_checkpoint(TRUNCATE)');
  await ledger.store.close();

  const approve = (story: number): HttpCall => ({
    method: 'POST',
    path: `/v1/seat-applications/${storyIds(story, CLAIMS).applicationId}/tranches`,
    headers: finance,
    body: { tranche: 1, decidedOn: '2023-03-10' },
  });
  const pay = (story: number): HttpCall => ({
    method: 'POST',
    path: `/v1/tranches/${storyIds(story, CLAIMS).applicationId}.t1/disbursements`,
    headers: finance,
    body: {
      paidOn: '2023-03-20',
      amountFen: publicised.trancheAmountFen,
      bankRef: `HTTP-BENCH-${story}`,
    },
  });

  const runApi = async (groupCommit: boolean): Promise<Run> => {
    const tmp = tempDir(`http-${groupCommit ? 'group' : 'single'}`);
    const file = join(tmp.dir, 'ledger.sqlite');
    copyFileSync(join(seedDir, 'ledger.sqlite'), file);
    const api = await startLedger(
      tmp.dir,
      groupCommit ? { LEDGER_SQLITE_GROUP_COMMIT: 'on' } : { LEDGER_SQLITE_GROUP_COMMIT: 'off' },
    );
    try {
      const load = (count: number, first: number, callAt: (story: number) => HttpCall) =>
        closedLoop({
          baseUrl: api.baseUrl,
          concurrency,
          count,
          callAt: (i) => callAt(first + i),
          check: expectCreated,
        });
      // Warm-up (JIT, sockets, SQLite cache): the first stories of each kind, not counted.
      await load(warmUp, 0, approve);
      await load(warmUp, firstPayable, pay);
      const head0 = headPositionOf(file);
      const t0 = nowMs();
      const a = await withCpu(api.child.pid!, () => load(approvals, warmUp, approve));
      const head1 = headPositionOf(file);
      const p = await withCpu(api.child.pid!, () => load(payments, firstPayable + warmUp, pay));
      const seconds = (nowMs() - t0) / 1000;
      const head2 = headPositionOf(file);
      const cpuMs = {
        approvals: (a.serverCpuPct / 100) * a.result.seconds * 1000,
        payments: (p.serverCpuPct / 100) * p.result.seconds * 1000,
      };
      return {
        approvals: a.result,
        payments: p.result,
        events: head2 - head0,
        seconds,
        serverCpuPct: ((cpuMs.approvals + cpuMs.payments) / (seconds * 1000)) * 100,
        cpuMs,
        eventsOf: { approvals: head1 - head0, payments: head2 - head1 },
      };
    } finally {
      await api.stop();
      tmp.remove();
    }
  };

  const runs: { group: Run[]; single: Run[] } = { group: [], single: [] };
  for (let r = 0; r < rounds; r++) {
    runs.group.push(await runApi(true));
    runs.single.push(await runApi(false));
  }
  const merge = (rs: Run[]): Run => ({
    approvals: mergeResults(rs.map((r) => r.approvals)),
    payments: mergeResults(rs.map((r) => r.payments)),
    events: rs.reduce((n, r) => n + r.events, 0),
    seconds: rs.reduce((n, r) => n + r.seconds, 0),
    serverCpuPct:
      rs.reduce((n, r) => n + r.serverCpuPct * r.seconds, 0) /
      rs.reduce((n, r) => n + r.seconds, 0),
    cpuMs: {
      approvals: rs.reduce((n, r) => n + r.cpuMs.approvals, 0),
      payments: rs.reduce((n, r) => n + r.cpuMs.payments, 0),
    },
    eventsOf: {
      approvals: rs.reduce((n, r) => n + r.eventsOf.approvals, 0),
      payments: rs.reduce((n, r) => n + r.eventsOf.payments, 0),
    },
  });
  const group = merge(runs.group);
  const single = merge(runs.single);

  // Raw single appends, as many events as the ledger wrote.
  const rawDir = tempDir('http-raw');
  const raw = openRawEventTable(join(rawDir.dir, 'raw.sqlite'));
  const streams = 1_000;
  const t0 = nowMs();
  for (let i = 0; i < group.events; i++) {
    const s = i % streams;
    raw.append(`person-${s}`, Math.floor(i / streams) - 1, [eventAt(s, i)]);
  }
  const rawRate = group.events / ((nowMs() - t0) / 1000);
  raw.close();
  rawDir.remove();

  // The minimal server, the same load: as many events per command as the
  // ledger wrote, in one FULL-sync transaction per command.
  const reference = await referenceCommands(group, { approvals, payments, concurrency, warmUp });

  const note = `${concurrency} concurrent clients, ${rounds} × ${approvals + payments} commands per mode; reference: the same API with LEDGER_SQLITE_GROUP_COMMIT=off; API CPU ${round(group.serverCpuPct, 0)} % of a core (${round(single.serverCpuPct, 0)} % without group commit)`;
  for (const [kind, pick] of [
    ['tranche approvals (4 claims)', (r: Run) => r.approvals],
    ['payments', (r: Run) => r.payments],
  ] as const) {
    const g = pick(group);
    const s = pick(single);
    report({
      workload: 'http commands',
      metric: kind,
      value: round(g.rate, 0),
      unit: 'commands/s',
      reference: round(s.rate, 0),
      ratio: round(g.rate / s.rate, 2),
      notes: note,
    });
    report({
      workload: 'http commands',
      metric: `${kind} p50`,
      value: round(g.p50Ms, 2),
      unit: 'ms',
      reference: round(s.p50Ms, 2),
      ratio: round(g.p50Ms / s.p50Ms, 2),
    });
    report({
      workload: 'http commands',
      metric: `${kind} p99`,
      value: round(g.p99Ms, 2),
      unit: 'ms',
      reference: round(s.p99Ms, 2),
      ratio: round(g.p99Ms / s.p99Ms, 2),
    });
  }
  for (const [kind, label] of [
    ['approvals', 'tranche approval (4 claims)'],
    ['payments', 'payment'],
  ] as const) {
    const perCommand = group.cpuMs[kind] / group[kind].completed;
    report({
      workload: 'http commands',
      metric: `${label}, CPU per command`,
      value: round(perCommand, 3),
      unit: 'ms',
      reference: round(reference[kind], 3),
      ratio: round(perCommand / reference[kind], 2),
      target: '≤ 3× the minimal server',
      met: perCommand / reference[kind] <= 3,
      notes: `API process CPU (user + system, /proc) / commands, group commit on; reference: node:http + JWT verify + JSON body + ${reference.eventsPerCommand[kind]} events (as many as the ledger wrote per command) in one FULL-sync transaction on the store's table layout, same concurrency`,
    });
  }
  const groupRate = group.events / group.seconds;
  report({
    workload: 'http commands',
    metric: 'events written by the commands',
    value: round(groupRate, 0),
    unit: 'events/s',
    reference: round(rawRate, 0),
    ratio: round(groupRate / rawRate, 2),
    target: '> 1.0 of raw single appends',
    met: groupRate > rawRate,
    notes: `${group.events} events; reference: raw better-sqlite3, one transaction per single-event append; without group commit the API wrote ${round(single.events / single.seconds, 0)} events/s`,
  });
}

/** CPU per command of the minimal command server (reference/raw-command-server.ts). */
async function referenceCommands(
  ledger: Run,
  o: { approvals: number; payments: number; concurrency: number; warmUp: number },
): Promise<{ approvals: number; payments: number; eventsPerCommand: Record<Kind, number> }> {
  const dir = tempDir('http-reference');
  const server = await startReferenceServer('bench/reference/raw-command-server.ts', [
    dir.dir,
    TEST_JWT_SECRET,
  ]);
  try {
    const eventsPerCommand = {
      approvals: Math.round(ledger.eventsOf.approvals / ledger.approvals.completed),
      payments: Math.round(ledger.eventsOf.payments / ledger.payments.completed),
    };
    const load = (kind: Kind, count: number) =>
      closedLoop({
        baseUrl: server.baseUrl,
        concurrency: o.concurrency,
        count,
        callAt: () => ({
          method: 'POST',
          path: `/commands/${eventsPerCommand[kind]}`,
          headers: finance,
          body: { tranche: 1, decidedOn: '2023-03-10' },
        }),
        check: expectCreated,
      });
    const perCommand = async (kind: Kind, count: number) => {
      await load(kind, o.warmUp);
      const m = await withCpu(server.pid, () => load(kind, count));
      return ((m.serverCpuPct / 100) * m.result.seconds * 1000) / m.result.completed;
    };
    return {
      approvals: await perCommand('approvals', o.approvals),
      payments: await perCommand('payments', o.payments),
      eventsPerCommand,
    };
  } finally {
    server.stop();
    // The server closes its file on SIGTERM; the directory goes after it exits.
    await new Promise((r) => setTimeout(r, 200));
    dir.remove();
  }
}

type Kind = 'approvals' | 'payments';

function expectCreated(answer: { status: number; body: string }): void {
  if (answer.status !== 201) {
    throw new Error(`expected 201, got ${answer.status}: ${answer.body.slice(0, 300)}`);
  }
}
