import { join } from 'node:path';
import {
  startLedger,
  TEST_JWT_SECRET,
  TEST_PERSON_KEY_SECRET,
  tokenFor,
} from '../../test/support/ledger-process';
import { round, seededRandom, startReferenceServer, tempDir, Workload } from '../bench-support';
import { writeHistory } from '../direct-history/write-history';
import { BULK_LOAD, CLAIMS_PER_STORY, recordTemplate, storyIds } from '../history';
import { HttpCall, LoadResult, mergeResults, openLoop, withCpu } from '../http-load';
import { openEmbeddedLedger } from '../ledger-fixture';

const finance = { authorization: `Bearer ${tokenFor('fay', 'finance')}` };

/**
 * Issue #4 workload 3: balance and person-cap GETs against the built API (a
 * separate OS process) at a fixed rate from an open-loop generator in this
 * process (http-load.ts: latency counted from when each request was due).
 * The file holds `stories` enterprises with one paid application of 20
 * persons each (history.ts); each request asks for a random one of them.
 *
 * Reference, in the same run: the same requests at the same rate against a
 * bare node:http server running the same SQL on the same file
 * (reference/raw-query-server.ts).
 */
export const queriesWorkload: Workload = async ({ quick }, report) => {
  const tmp = tempDir('queries');
  try {
    await queries(tmp.dir, quick, report);
  } finally {
    tmp.remove();
  }
};

async function queries(
  dataDir: string,
  quick: boolean,
  report: Parameters<Workload>[1],
): Promise<void> {
  const stories = quick ? 200 : 2_000;
  const rate = quick ? 500 : 2_000;
  const seconds = quick ? 1 : 10;
  const warmUpSeconds = quick ? 0.5 : 2;
  const ledger = openEmbeddedLedger(dataDir, BULK_LOAD);
  const template = await recordTemplate('paid');
  writeHistory(ledger.store, template, 0, stories);
  const events = await ledger.store.headPosition();
  ledger.store.database.pragma('wal_checkpoint(TRUNCATE)');
  await ledger.store.close();

  const random = seededRandom(4);
  const story = () => Math.floor(random() * stories);
  const person = () => storyIds(story()).personIds[Math.floor(random() * CLAIMS_PER_STORY)];
  const ledgerCalls = {
    balance: (): HttpCall => ({
      path: `/v1/enterprises/${storyIds(story()).enterpriseId}/balance?asOf=2024-01-01`,
      headers: finance,
    }),
    'person cap': (): HttpCall => ({ path: `/v1/persons/${person()}/cap`, headers: finance }),
  };
  const rawCalls = {
    balance: (): HttpCall => ({
      path: `/balance/${storyIds(story()).enterpriseId}?asOf=2024-01-01`,
      headers: finance,
    }),
    'person cap': (): HttpCall => ({ path: `/cap/${person()}`, headers: finance }),
  };

  const measure = async (baseUrl: string, callAt: () => HttpCall, s: number) => {
    const result = await openLoop({ baseUrl, rate, seconds: s, sockets: 64, callAt });
    if ((result.statuses['200'] ?? 0) !== result.completed || result.errors > 0) {
      throw new Error(
        `queries answered ${JSON.stringify(result.statuses)}, ${result.errors} errors`,
      );
    }
    return result;
  };

  // Both servers up at once; the load alternates between them in rounds so
  // a change in the machine's load falls on both alike.
  const rounds = quick ? 1 : 5;
  const kinds = ['balance', 'person cap'] as const;
  const runs = {
    ledger: { balance: [] as LoadResult[], 'person cap': [] as LoadResult[] },
    raw: { balance: [] as LoadResult[], 'person cap': [] as LoadResult[] },
  };
  const api = await startLedger(dataDir);
  const raw = await startReferenceServer('bench/reference/raw-query-server.ts', [
    join(dataDir, 'ledger.sqlite'),
    TEST_PERSON_KEY_SECRET,
    TEST_JWT_SECRET,
  ]);
  let cpu = { ledger: 0, raw: 0 };
  // Server CPU ms and answers, per kind, to give CPU per request.
  const cpuMs = {
    ledger: { balance: 0, 'person cap': 0 },
    raw: { balance: 0, 'person cap': 0 },
  };
  try {
    for (const kind of kinds) {
      await measure(api.baseUrl, ledgerCalls[kind], warmUpSeconds);
      await measure(raw.baseUrl, rawCalls[kind], warmUpSeconds);
    }
    for (let r = 0; r < rounds; r++) {
      for (const kind of kinds) {
        const l = await withCpu(api.child.pid!, () =>
          measure(api.baseUrl, ledgerCalls[kind], seconds / rounds),
        );
        runs.ledger[kind].push(l.result);
        cpu.ledger += l.serverCpuPct / (rounds * kinds.length);
        cpuMs.ledger[kind] += (l.serverCpuPct / 100) * l.result.seconds * 1000;
        const w = await withCpu(raw.pid, () =>
          measure(raw.baseUrl, rawCalls[kind], seconds / rounds),
        );
        runs.raw[kind].push(w.result);
        cpu.raw += w.serverCpuPct / (rounds * kinds.length);
        cpuMs.raw[kind] += (w.serverCpuPct / 100) * w.result.seconds * 1000;
      }
    }
  } finally {
    await api.stop();
    raw.stop();
  }
  const results = Object.fromEntries(
    kinds.map((kind) => [
      kind,
      { ledger: mergeResults(runs.ledger[kind]), raw: mergeResults(runs.raw[kind]) },
    ]),
  ) as Record<(typeof kinds)[number], { ledger: LoadResult; raw: LoadResult }>;
  cpu = { ledger: round(cpu.ledger, 0), raw: round(cpu.raw, 0) };

  const note = `open loop at ${rate} req/s, ${seconds} s per server in ${rounds} alternating rounds after ${warmUpSeconds} s of warm-up; server CPU ${cpu.ledger} % of a core (reference ${cpu.raw} %); ${events} events, ${stories} enterprises, ${stories * CLAIMS_PER_STORY} persons; reference: bare node:http + the same SQL`;
  for (const kind of kinds) {
    const l = results[kind].ledger;
    const r = results[kind].raw;
    report({
      workload: 'queries',
      metric: `${kind} GET`,
      value: round(l.rate, 0),
      unit: 'req/s',
      reference: round(r.rate, 0),
      ratio: round(l.rate / r.rate, 2),
      notes: note,
    });
    report({
      workload: 'queries',
      metric: `${kind} GET p50`,
      value: round(l.p50Ms, 2),
      unit: 'ms',
      reference: round(r.p50Ms, 2),
      ratio: round(l.p50Ms / r.p50Ms, 2),
    });
    report({
      workload: 'queries',
      metric: `${kind} GET p99`,
      value: round(l.p99Ms, 2),
      unit: 'ms',
      reference: round(r.p99Ms, 2),
      ratio: round(l.p99Ms / r.p99Ms, 2),
      target: `< 10 ms at ${rate} req/s`,
      met: l.p99Ms < 10 && l.rate >= rate * 0.95,
    });
    const perRequest = cpuMs.ledger[kind] / l.completed;
    const rawPerRequest = cpuMs.raw[kind] / r.completed;
    report({
      workload: 'queries',
      metric: `${kind} GET, CPU per request`,
      value: round(perRequest, 3),
      unit: 'ms',
      reference: round(rawPerRequest, 3),
      ratio: round(perRequest / rawPerRequest, 2),
      target: '≤ 3× the minimal server',
      met: perRequest / rawPerRequest <= 3,
      notes:
        'server process CPU (user + system, /proc) over the measured rounds / answers; reference: node:http + JWT verify + the same SQL',
    });
  }
}
