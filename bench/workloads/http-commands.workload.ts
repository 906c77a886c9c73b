import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  startLedger,
  TEST_JWT_SECRET,
  TEST_PERSON_KEY_SECRET,
  tokenFor,
} from '../../test/support/ledger-process';
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
  /** Bytes the API process handed to write calls, per kind of command (processWriteBytes). */
  writtenBytes: { approvals: number; payments: number };
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
 * References, in the same run, each round in turns with the API:
 * - the same API and commands with group commit off
 *   (LEDGER_SQLITE_GROUP_COMMIT=off: one transaction, one fsync per append);
 * - raw better-sqlite3 writing the same number of events, one transaction
 *   per single-event append, sequentially (raw-sqlite.ts): what one fsync per
 *   append allows on this disk, with no HTTP, domain or read model at all;
 * - the minimal command server (reference/raw-command-server.ts) under the
 *   same commands, for CPU per command.
 */
export const httpCommandsWorkload: Workload = async ({ quick }, report) => {
  // Each mode runs `rounds` times, alternating, each on a fresh copy of the
  // file, so a change in the machine's load falls on both modes alike.
  const rounds = quick ? 1 : 2;
  const approvals = quick ? 100 : 1_000;
  const payments = quick ? 100 : 1_000;
  const concurrency = quick ? 8 : 32;
  // Commands of each kind before the measured ones, on the API and on the
  // minimal server alike: until about 2,000 the JIT is still compiling (V8's
  // helper threads busy), and the first thousand cost both servers up to
  // twice their settled CPU (ADR 0020 §73). A server runs settled.
  const warmUp = quick ? concurrency * 2 : 2_000;

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
        writtenBytes: { approvals: a.serverWriteBytes, payments: p.serverWriteBytes },
      };
    } finally {
      await api.stop();
      tmp.remove();
    }
  };

  const runs: { group: Run[]; single: Run[] } = { group: [], single: [] };
  const references: ReferenceRun[] = [];
  const platforms: ReferenceRun[] = [];
  const platform = platformServer({ approvals: approve, payments: (i) => pay(firstPayable + i) });
  const raws: { events: number; seconds: number }[] = [];
  for (let r = 0; r < rounds; r++) {
    const groupRun = await runApi(true);
    runs.group.push(groupRun);
    // The references in turns with the API, each round, so that the box
    // speeding up or slowing down during the run falls on both sides.
    const o = { approvals, payments, concurrency, warmUp };
    references.push(await referenceCommands(groupRun, o, MINIMAL_SERVER));
    platforms.push(await referenceCommands(groupRun, o, platform));
    raws.push(rawSingleAppends(groupRun.events));
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
    writtenBytes: {
      approvals: rs.reduce((n, r) => n + r.writtenBytes.approvals, 0),
      payments: rs.reduce((n, r) => n + r.writtenBytes.payments, 0),
    },
  });
  const group = merge(runs.group);
  const single = merge(runs.single);

  const rawRate = sum(raws, (r) => r.events) / sum(raws, (r) => r.seconds);
  const reference = {
    approvals: cpuPerCommand(references, 'approvals'),
    payments: cpuPerCommand(references, 'payments'),
    eventsPerCommand: references[0].eventsPerCommand,
    writtenKiB: {
      approvals:
        sum(references, (r) => r.writtenBytes.approvals) /
        1024 /
        sum(references, (r) => r.completed.approvals),
      payments:
        sum(references, (r) => r.writtenBytes.payments) /
        1024 /
        sum(references, (r) => r.completed.payments),
    },
    eventsPerSecond: sum(references, (r) => r.events) / sum(references, (r) => r.seconds),
  };
  const platformFloor = {
    approvals: cpuPerCommand(platforms, 'approvals'),
    payments: cpuPerCommand(platforms, 'payments'),
  };

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
      notes: `API process CPU (user + system, /proc) / commands, group commit on, after ${warmUp} commands of each kind not counted (both servers); reference: node:http + JWT verify + JSON body + ${reference.eventsPerCommand[kind]} events (as many as the ledger wrote per command) in one FULL-sync transaction on the store's table layout, same concurrency`,
    });
  }
  // Goal 2's budget, split (ADR 0020 §101): what the API's own platform
  // costs around the minimal server's work, and what is left of 3× the
  // minimal server for everything the ledger does above its platform.
  for (const [kind, label] of [
    ['approvals', 'tranche approval (4 claims)'],
    ['payments', 'payment'],
  ] as const) {
    const floor = platformFloor[kind];
    const above = group.cpuMs[kind] / group[kind].completed - floor;
    const left = 3 * reference[kind] - floor;
    report({
      workload: 'http commands',
      metric: `${label}, CPU per command of the platform floor`,
      value: round(floor, 3),
      unit: 'ms',
      reference: round(reference[kind], 3),
      ratio: round(floor / reference[kind], 2),
      notes: `the API's own Nest application on Fastify (PlatformModule: request log, JWT guard and roles, validation pipe, error filter, idempotency and ID-masking interceptors, metrics), routes with the API's paths, DTOs and answer shapes, each doing only the minimal server's ${reference.eventsPerCommand[kind]}-event insert (reference/platform-command-server.ts); reference: the minimal server`,
    });
    report({
      workload: 'http commands',
      metric: `${label}, CPU per command above the platform floor`,
      value: round(above, 3),
      unit: 'ms',
      reference: round(left, 3),
      // Nothing is left when the floor alone is 3× the minimal server or more.
      ratio: left > 0 ? round(above / left, 2) : undefined,
      notes: `the API's CPU per command less the platform floor's: stream reads, decisions, sealing, the store's own work, the inline read models and the log anchor; reference: what 3× the minimal server leaves above the platform floor (goal 2 needs a ratio ≤ 1 here)`,
    });
  }
  // Why a command costs what it does below the domain: every page its
  // transaction dirties is a WAL frame, and a checkpoint copies it again.
  for (const [kind, label] of [
    ['approvals', 'tranche approval (4 claims)'],
    ['payments', 'payment'],
  ] as const) {
    const perCommand = group.writtenBytes[kind] / 1024 / group[kind].completed;
    report({
      workload: 'http commands',
      metric: `${label}, KiB written per command`,
      value: round(perCommand, 1),
      unit: 'KiB',
      reference: round(reference.writtenKiB[kind], 1),
      ratio: round(perCommand / reference.writtenKiB[kind], 2),
      notes: `bytes the API process handed to write calls (/proc wchar: WAL frames, their checkpoint copies, the log anchor, log lines) / commands, group commit on; reference: the minimal server's, ${reference.eventsPerCommand[kind]} events a command on streams of its own, each new`,
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
    notes: `${group.events} events; reference: raw better-sqlite3, one transaction per single-event append; without group commit the API wrote ${round(single.events / single.seconds, 0)} events/s; the minimal server, as many events per command, ${round(reference.eventsPerSecond, 0)} events/s (${round(reference.eventsPerSecond / rawRate, 2)} of raw single appends; one FULL-sync transaction a command, no group commit)`,
  });
}

/** One round of the minimal command server (reference/raw-command-server.ts): CPU and events of the measured commands. */
interface ReferenceRun {
  cpuMs: Record<Kind, number>;
  writtenBytes: Record<Kind, number>;
  completed: Record<Kind, number>;
  eventsPerCommand: Record<Kind, number>;
  events: number;
  seconds: number;
}

const sum = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((n, x) => n + f(x), 0);

/** A reference server's CPU ms per measured command of one kind, over its rounds. */
const cpuPerCommand = (rs: readonly ReferenceRun[], kind: Kind) =>
  sum(rs, (r) => r.cpuMs[kind]) / sum(rs, (r) => r.completed[kind]);

/** Raw single appends, as many events as the ledger wrote: one transaction per single-event append. */
function rawSingleAppends(events: number): { events: number; seconds: number } {
  const rawDir = tempDir('http-raw');
  try {
    const raw = openRawEventTable(join(rawDir.dir, 'raw.sqlite'));
    const streams = 1_000;
    const t0 = nowMs();
    for (let i = 0; i < events; i++) {
      const s = i % streams;
      raw.append(`person-${s}`, Math.floor(i / streams) - 1, [eventAt(s, i)]);
    }
    const seconds = (nowMs() - t0) / 1000;
    raw.close();
    return { events, seconds };
  } finally {
    rawDir.remove();
  }
}

/** Which reference server a round runs, and the calls it answers. */
interface ReferenceServer {
  start: (
    dir: string,
    eventsPerCommand: Record<Kind, number>,
  ) => ReturnType<typeof startReferenceServer>;
  callAt: (kind: Kind, eventsPerCommand: Record<Kind, number>, i: number) => HttpCall;
}

/** The minimal command server (reference/raw-command-server.ts). */
const MINIMAL_SERVER: ReferenceServer = {
  start: (dir) =>
    startReferenceServer('bench/reference/raw-command-server.ts', [dir, TEST_JWT_SECRET]),
  callAt: (kind, eventsPerCommand) => ({
    method: 'POST',
    path: `/commands/${eventsPerCommand[kind]}`,
    headers: finance,
    body: { tranche: 1, decidedOn: '2023-03-10' },
  }),
};

/**
 * The API's own platform around the minimal server's work
 * (reference/platform-command-server.ts): the ledger's paths and bodies.
 */
function platformServer(calls: Record<Kind, (i: number) => HttpCall>): ReferenceServer {
  return {
    start: (dir, eventsPerCommand) =>
      startReferenceServer(
        'bench/reference/platform-command-server.ts',
        [
          dir,
          TEST_JWT_SECRET,
          String(eventsPerCommand.approvals),
          String(eventsPerCommand.payments),
        ],
        { built: true, env: { LEDGER_PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET } },
      ),
    callAt: (kind, _events, i) => calls[kind](i),
  };
}

async function referenceCommands(
  ledger: Run,
  o: { approvals: number; payments: number; concurrency: number; warmUp: number },
  reference: ReferenceServer,
): Promise<ReferenceRun> {
  const dir = tempDir('http-reference');
  const eventsPerCommand = {
    approvals: Math.round(ledger.eventsOf.approvals / ledger.approvals.completed),
    payments: Math.round(ledger.eventsOf.payments / ledger.payments.completed),
  };
  const server = await reference.start(dir.dir, eventsPerCommand);
  try {
    const load = (kind: Kind, count: number) =>
      closedLoop({
        baseUrl: server.baseUrl,
        concurrency: o.concurrency,
        count,
        callAt: (i) => reference.callAt(kind, eventsPerCommand, i),
        check: expectCreated,
      });
    const run: ReferenceRun = {
      cpuMs: { approvals: 0, payments: 0 },
      writtenBytes: { approvals: 0, payments: 0 },
      completed: { approvals: 0, payments: 0 },
      eventsPerCommand,
      events: 0,
      seconds: 0,
    };
    for (const [kind, count] of [
      ['approvals', o.approvals],
      ['payments', o.payments],
    ] as const) {
      await load(kind, o.warmUp);
      const m = await withCpu(server.pid, () => load(kind, count));
      run.cpuMs[kind] = (m.serverCpuPct / 100) * m.result.seconds * 1000;
      run.writtenBytes[kind] = m.serverWriteBytes;
      run.completed[kind] = m.result.completed;
      run.events += m.result.completed * eventsPerCommand[kind];
      run.seconds += m.result.seconds;
    }
    return run;
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
