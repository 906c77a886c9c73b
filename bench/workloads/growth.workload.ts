import { streams } from '@ledger/domain';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  median,
  nowMs,
  percentile,
  round,
  seededRandom,
  shareDir,
  tempDir,
  Workload,
} from '../bench-support';
import { BULK_LOAD, appendStories, CLAIMS_PER_STORY, recordTemplate, storyIds } from '../history';
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

interface Level {
  events: number;
  commandMs: number;
  balanceUs: number;
  balanceP99Us: number;
  capUs: number;
  capP99Us: number;
}

/**
 * Issue #4 workload 5: one file grows to 10k, 100k and 1M events of prior
 * history (history.ts: real ledger events, written through the port with the
 * inline read models), and a copy is kept at each size. Then, in rounds that
 * visit every size in a rotating order (so the machine's changing load falls
 * on all sizes alike), the same command and the same queries are timed in
 * this process, through the code the API runs for them (the
 * application layer's approveTranche; readStream + enterpriseBalance and
 * personCap of the read models), without HTTP, whose cost does not depend on
 * history and would only blur the comparison.
 *
 * - command: tranche 1 of a fresh application of 10 claims (12 appends, each
 *   its own fsync), median of several;
 * - queries: the balance of a random enterprise of the history and the cap
 *   of a random person of it, median and p99 of many.
 *
 * The reference of each size is the smallest size: slowdown = time at the
 * largest / time at the smallest.
 */
export const growthWorkload: Workload = async ({ quick }, report) => {
  const levels = quick ? [1_000, 10_000] : [10_000, 100_000, 1_000_000];
  const rounds = quick ? 5 : 21;
  const queriesPerRound = quick ? 100 : 250;

  // One file grows; a copy of it is kept at each size.
  const template = await recordTemplate('paid');
  const sizes: { tmp: ReturnType<typeof tempDir>; stories: number; buildSeconds: number }[] = [];
  let stories = 0;
  for (const level of levels) {
    const tmp = tempDir(`growth-${level}`);
    const previous = sizes[sizes.length - 1];
    if (previous) copyFileSync(join(previous.tmp.dir, FILE), join(tmp.dir, FILE));
    const ledger = openEmbeddedLedger(tmp.dir, BULK_LOAD);
    const t0 = nowMs();
    let head = await ledger.store.headPosition();
    while (head < level) {
      const more = Math.ceil((level - head) / template.eventsPerStory);
      await appendStories(ledger.store, template, stories, stories + more);
      stories += more;
      head = await ledger.store.headPosition();
    }
    ledger.store.database.pragma('wal_checkpoint(TRUNCATE)');
    await ledger.store.close();
    sizes.push({ tmp, stories, buildSeconds: (nowMs() - t0) / 1000 });
  }

  // Every size measured in every round, in a rotating order, so a change in
  // the machine's load during the run hits every size alike.
  const ledgers = sizes.map((s) => ({ ...s, ledger: openEmbeddedLedger(s.tmp.dir) }));
  const samples = ledgers.map(() => ({
    command: [] as number[],
    balance: [] as number[],
    cap: [] as number[],
  }));
  const random = seededRandom(5);
  let measured = 0;
  try {
    for (const { ledger, stories: n } of ledgers) {
      for (let i = 0; i < 200; i++) {
        await balanceQuery(ledger, storyIds(i % n).enterpriseId); // warm-up
      }
    }
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < ledgers.length; k++) {
        const i = (r + k) % ledgers.length;
        const { ledger, stories: n } = ledgers[i];
        // The command, on an application prepared just before (not timed).
        const { applicationId } = await approvedApplication(
          ledger.deps,
          MEASURED_FIRST_SEED + measured,
          MEASURED_CLAIMS,
          MEASURED_FIRST_PERSON + measured * MEASURED_CLAIMS,
        );
        measured++;
        let started = nowMs();
        const written = await approveFirstTranche(ledger.deps, applicationId);
        samples[i].command.push(nowMs() - started);
        if (written.result.included.length !== MEASURED_CLAIMS) {
          throw new Error(`tranche included ${written.result.included.length} claims`);
        }
        // The queries, as the query handlers make them, on random enterprises and persons.
        for (let q = 0; q < queriesPerRound; q++) {
          const ids = storyIds(Math.floor(random() * n));
          started = nowMs();
          const b = await balanceQuery(ledger, ids.enterpriseId);
          samples[i].balance.push((nowMs() - started) * 1000);
          if (b.totals.disbursedFen !== template.trancheAmountFen) throw new Error('balance');
          const personId = ids.personIds[Math.floor(random() * CLAIMS_PER_STORY)];
          started = nowMs();
          const usage = await ledger.readModels.personCap(apiPersonKeyOf(personId));
          samples[i].cap.push((nowMs() - started) * 1000);
          if (usage.usedFen !== 250_000) throw new Error(`cap of ${personId}: ${usage.usedFen}`);
        }
      }
    }
  } finally {
    for (const { ledger } of ledgers) await ledger.store.close();
  }

  const results: Level[] = ledgers.map((l, i) => {
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const balance = sorted(samples[i].balance);
    const cap = sorted(samples[i].cap);
    return {
      events: levels[i],
      commandMs: median(samples[i].command),
      balanceUs: percentile(balance, 50),
      balanceP99Us: percentile(balance, 99),
      capUs: percentile(cap, 50),
      capP99Us: percentile(cap, 99),
    };
  });
  results.forEach((l, i) => {
    const label = `${l.events.toLocaleString('en')} events`;
    const { stories: n, buildSeconds } = ledgers[i];
    report({
      workload: 'growth',
      metric: `tranche of ${MEASURED_CLAIMS} claims, ${label}`,
      value: round(l.commandMs, 2),
      unit: 'ms',
      notes: `median of ${rounds}; history: ${n} enterprises, ${n * CLAIMS_PER_STORY} persons, written in ${round(buildSeconds, 1)} s`,
    });
    report({
      workload: 'growth',
      metric: `balance query, ${label}`,
      value: round(l.balanceUs, 1),
      unit: 'µs',
      notes: `median of ${rounds * queriesPerRound}; p99 ${round(l.balanceP99Us, 1)} µs`,
    });
    report({
      workload: 'growth',
      metric: `person-cap query, ${label}`,
      value: round(l.capUs, 1),
      unit: 'µs',
      notes: `median of ${rounds * queriesPerRound}; p99 ${round(l.capP99Us, 1)} µs`,
    });
  });

  // The largest history is the rebuild workload's input; the others go.
  for (const s of sizes.slice(0, -1)) s.tmp.remove();
  shareDir(GROWTH_HISTORY, sizes[sizes.length - 1].tmp);

  const first = results[0];
  const last = results[results.length - 1];
  const span = `${first.events.toLocaleString('en')} → ${last.events.toLocaleString('en')} events`;
  for (const [metric, unit, at] of [
    [`tranche of ${MEASURED_CLAIMS} claims`, 'ms', (l: Level) => l.commandMs],
    ['balance query', 'µs', (l: Level) => l.balanceUs],
    ['person-cap query', 'µs', (l: Level) => l.capUs],
  ] as const) {
    const slowdown = at(last) / at(first) - 1;
    report({
      workload: 'growth',
      metric: `${metric} slowdown, ${span}`,
      value: round(at(last), 2),
      unit,
      reference: round(at(first), 2),
      ratio: round(at(last) / at(first), 2),
      target: '< 20 % slower',
      met: slowdown < 0.2,
      notes: `slowdown ${round(slowdown * 100, 1)} %; reference: the same at ${first.events.toLocaleString('en')} events`,
    });
  }
};

type Ledger = ReturnType<typeof openEmbeddedLedger>;

/** What GetEnterpriseBalanceQueryHandler does: the enterprise must exist, then its balance. */
async function balanceQuery(ledger: Ledger, enterpriseId: string) {
  const first = await ledger.store.readStream(streams.enterprise(enterpriseId), { maxCount: 1 });
  if (first.length === 0) throw new Error(`enterprise ${enterpriseId} missing`);
  return ledger.readModels.enterpriseBalance(enterpriseId, '2024-01-01');
}
