import { streams } from '@ledger/domain';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { LedgerProcess, startLedger, tokenFor } from '../../test/support/ledger-process';
import { median, nowMs, round, seededRandom, shareDir, tempDir, Workload } from '../bench-support';
import { writeHistory } from '../direct-history/write-history';
import { BULK_LOAD, CLAIMS_PER_STORY, recordTemplate, storyIds, Template } from '../history';
import { call, makeAgent } from '../http-load';
import {
  apiPersonKeyOf,
  approvedApplication,
  approveFirstTranche,
  openEmbeddedLedger,
} from '../ledger-fixture';

/** The rebuild workload reads this history when growth ran before it. */
export const GROWTH_HISTORY = 'growth-history';

const FILE = 'ledger.sqlite';
const MEASURED_CLAIMS = 10;
const MEASURED_FIRST_SEED = 50_000_000;
const MEASURED_FIRST_PERSON = 5_000_000;
const finance = { authorization: `Bearer ${tokenFor('fay', 'finance')}` };

type Ledger = ReturnType<typeof openEmbeddedLedger>;
type Metric = 'command' | 'balance' | 'cap';
interface Size {
  level: number;
  tmp: ReturnType<typeof tempDir>;
  stories: number;
  buildSeconds: number;
  buildCpuSeconds: number;
  /** Samples of the in-process run and of the HTTP run, in ms. */
  local: Record<Metric, number[]>;
  http: Record<Metric, number[]>;
}

/**
 * Issue #4 workload 5: one file grows to 10k, 100k and 1M events of prior
 * history (history.ts's story of real ledger events, copied straight into the
 * store's tables with its read models by direct-history/write-history.ts;
 * `ledger verify` finds 0 problems in it) and a copy is kept at each size. The same command and
 * the same queries are then timed on every size, in rounds that visit every
 * size in a rotating order, so a change in the machine's load falls on all
 * sizes alike:
 *
 * - command: tranche 1 of a fresh application of 10 claims (the reservation
 *   process: 12 appends, each its own fsync);
 * - queries: the balance of a random enterprise of the history and the cap of
 *   a random person of it.
 *
 * Twice: over HTTP against the built API (one process per size, one request
 * at a time), which is what a caller sees; and in this process through the
 * code the query and command handlers run (approveTranche; readStream +
 * enterpriseBalance; personCap), which isolates what the storage adds.
 * Slowdown = median at the largest size / median at the smallest.
 */
export const growthWorkload: Workload = async ({ quick }, report) => {
  const levels = quick ? [1_000, 10_000] : [10_000, 100_000, 1_000_000];
  const rounds = quick ? 5 : 21;
  const queriesPerRound = quick ? 50 : 100;
  const localQueriesPerRound = quick ? 100 : 250;

  const template = await recordTemplate('paid');
  const sizes: Size[] = [];
  let keep = false;
  try {
    await buildSizes(template, levels, sizes);
    const random = seededRandom(5);
    let measured = 0;
    // Applications for the commands, prepared beforehand (not timed).
    const prepare = async (ledger: Ledger, count: number) => {
      const ids: string[] = [];
      for (let i = 0; i < count; i++, measured++) {
        const { applicationId } = await approvedApplication(
          ledger.deps,
          MEASURED_FIRST_SEED + measured,
          MEASURED_CLAIMS,
          MEASURED_FIRST_PERSON + measured * MEASURED_CLAIMS,
        );
        ids.push(applicationId);
      }
      return ids;
    };
    const prepared: string[][] = [];

    // In this process.
    const ledgers = sizes.map((s) => openEmbeddedLedger(s.tmp.dir));
    try {
      for (const [i, ledger] of ledgers.entries()) {
        prepared.push(await prepare(ledger, rounds * 2));
        for (let q = 0; q < 200; q++) {
          await balanceQuery(ledger, storyIds(q % sizes[i].stories).enterpriseId); // warm-up
        }
      }
      for (let r = 0; r < rounds; r++) {
        for (const i of rotation(r, sizes.length)) {
          const { local, stories } = sizes[i];
          const ledger = ledgers[i];
          let t0 = nowMs();
          const written = await approveFirstTranche(ledger.deps, prepared[i].pop()!);
          local.command.push(nowMs() - t0);
          if (written.result.included.length !== MEASURED_CLAIMS) throw new Error('tranche');
          for (let q = 0; q < localQueriesPerRound; q++) {
            const ids = storyIds(Math.floor(random() * stories));
            t0 = nowMs();
            const b = await balanceQuery(ledger, ids.enterpriseId);
            local.balance.push(nowMs() - t0);
            if (b.totals.disbursedFen !== template.trancheAmountFen) throw new Error('balance');
            const personId = ids.personIds[Math.floor(random() * CLAIMS_PER_STORY)];
            t0 = nowMs();
            const usage = await ledger.readModels.personCap(apiPersonKeyOf(personId));
            local.cap.push(nowMs() - t0);
            if (usage.usedFen !== 250_000) throw new Error(`cap of ${personId}`);
          }
        }
      }
    } finally {
      for (const ledger of ledgers) await ledger.store.close();
    }

    // Over HTTP: one API process per size, all up at once, one request at a time.
    const apis: LedgerProcess[] = [];
    const agent = makeAgent(1);
    try {
      for (const s of sizes) apis.push(await startLedger(s.tmp.dir));
      const get = async (api: LedgerProcess, path: string) => {
        const t0 = nowMs();
        const answer = await call(api.baseUrl, agent, { path, headers: finance });
        if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${answer.body}`);
        return nowMs() - t0;
      };
      for (const [i, api] of apis.entries()) {
        for (let q = 0; q < 100; q++) {
          await get(api, `/v1/enterprises/${storyIds(q % sizes[i].stories).enterpriseId}/balance`);
        }
      }
      for (let r = 0; r < rounds; r++) {
        for (const i of rotation(r, sizes.length)) {
          const { http, stories } = sizes[i];
          const api = apis[i];
          const t0 = nowMs();
          const answer = await call(api.baseUrl, agent, {
            method: 'POST',
            path: `/v1/seat-applications/${prepared[i].pop()!}/tranches`,
            headers: finance,
            body: { tranche: 1, decidedOn: '2023-03-10' },
          });
          http.command.push(nowMs() - t0);
          if (answer.status !== 201) throw new Error(`approval: ${answer.status} ${answer.body}`);
          for (let q = 0; q < queriesPerRound; q++) {
            const ids = storyIds(Math.floor(random() * stories));
            http.balance.push(
              await get(api, `/v1/enterprises/${ids.enterpriseId}/balance?asOf=2024-01-01`),
            );
            const personId = ids.personIds[Math.floor(random() * CLAIMS_PER_STORY)];
            http.cap.push(await get(api, `/v1/persons/${personId}/cap`));
          }
        }
      }
    } finally {
      agent.destroy();
      for (const api of apis) await api.stop();
    }

    const first = sizes[0];
    const last = sizes[sizes.length - 1];
    const span = `${first.level.toLocaleString('en')} → ${last.level.toLocaleString('en')} events`;
    const history = sizes
      .map(
        (s) =>
          `${s.level.toLocaleString('en')}: ${s.stories} enterprises written in ${round(s.buildSeconds, 1)} s (${round(s.buildCpuSeconds, 1)} CPU s)`,
      )
      .join('; ');
    const rows: [string, 'http' | 'local', Metric, 'ms' | 'µs', number][] = [
      [`tranche of ${MEASURED_CLAIMS} claims over HTTP`, 'http', 'command', 'ms', rounds],
      ['balance GET over HTTP', 'http', 'balance', 'ms', rounds * queriesPerRound],
      ['person-cap GET over HTTP', 'http', 'cap', 'ms', rounds * queriesPerRound],
      [`tranche of ${MEASURED_CLAIMS} claims in process`, 'local', 'command', 'ms', rounds],
      ['balance query in process', 'local', 'balance', 'µs', rounds * localQueriesPerRound],
      ['person-cap query in process', 'local', 'cap', 'µs', rounds * localQueriesPerRound],
    ];
    for (const [metric, where, what, unit, n] of rows) {
      const scale = unit === 'µs' ? 1000 : 1;
      const at = (s: Size) => median(s[where][what]) * scale;
      const slowdown = at(last) / at(first) - 1;
      report({
        workload: 'growth',
        metric: `${metric}, ${span}`,
        value: round(at(last), 2),
        unit,
        reference: round(at(first), 2),
        ratio: round(at(last) / at(first), 2),
        target: '< 20 % slower',
        met: slowdown < 0.2,
        notes: `medians of ${n}: ${sizes.map((s) => `${s.level.toLocaleString('en')}: ${round(at(s), 2)} ${unit}`).join(', ')}; slowdown ${round(slowdown * 100, 1)} %; history ${history}`,
      });
    }

    // The largest history is the rebuild workload's input.
    shareDir(GROWTH_HISTORY, last.tmp);
    keep = true;
  } finally {
    for (const [i, s] of sizes.entries()) if (!keep || i < sizes.length - 1) s.tmp.remove();
  }
};

/** Grows one file through `levels`, keeping a copy at each. */
async function buildSizes(template: Template, levels: number[], sizes: Size[]): Promise<void> {
  let stories = 0;
  for (const level of levels) {
    const tmp = tempDir(`growth-${level}`);
    const previous = sizes[sizes.length - 1];
    const samples = () => ({ command: [], balance: [], cap: [] });
    sizes.push({
      level,
      tmp,
      stories,
      buildSeconds: 0,
      buildCpuSeconds: 0,
      local: samples(),
      http: samples(),
    });
    if (previous) copyFileSync(join(previous.tmp.dir, FILE), join(tmp.dir, FILE));
    const ledger = openEmbeddedLedger(tmp.dir, BULK_LOAD);
    const t0 = nowMs();
    const cpu0 = process.cpuUsage();
    let head = await ledger.store.headPosition();
    while (head < level) {
      const more = Math.ceil((level - head) / template.eventsPerStory);
      writeHistory(ledger.store, template, stories, stories + more);
      stories += more;
      head = await ledger.store.headPosition();
    }
    ledger.store.database.pragma('wal_checkpoint(TRUNCATE)');
    await ledger.store.close();
    const cpu = process.cpuUsage(cpu0);
    Object.assign(sizes[sizes.length - 1], {
      stories,
      buildSeconds: (nowMs() - t0) / 1000,
      buildCpuSeconds: (cpu.user + cpu.system) / 1e6,
    });
  }
}

/** Round r visits the sizes starting at r mod n. */
const rotation = (r: number, n: number) => Array.from({ length: n }, (_, k) => (r + k) % n);

/** What GetEnterpriseBalanceQueryHandler does: the enterprise must exist, then its balance. */
async function balanceQuery(ledger: Ledger, enterpriseId: string) {
  const first = await ledger.store.readStream(streams.enterprise(enterpriseId), { maxCount: 1 });
  if (first.length === 0) throw new Error(`enterprise ${enterpriseId} missing`);
  return ledger.readModels.enterpriseBalance(enterpriseId, '2024-01-01');
}
