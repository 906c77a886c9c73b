/**
 * `npx tsx bench/history-generator.ts --events 1000000 --out DIR`: writes a
 * realistic seat-subsidy history of at least that many events into the
 * embedded ledger of DIR, through the ledger's own application layer (every
 * event decided by the deciders and sealed into the hash chain by
 * `runOnStream`, read models written inline as the API writes them), for
 * measuring `ledger verify` on a long history (issue #6).
 *
 * Each enterprise: registration, an application of `--claims` claims (one of
 * them a person the previous enterprise claimed: R-SEAT-6), a rejection,
 * tranche 1 with its cap reservations, a notice, an upheld objection, the
 * payment, more evidence, tranche 2, its notice and payment
 * (libs/audit/test-support/seat-history.ts). `--concurrency` enterprises run
 * at once so that group commit batches them; the file is written with
 * `synchronous = OFF` (a benchmark fixture, not a ledger anyone relies on).
 */
import { DEFAULT_POLICY_TABLE } from '@ledger/domain';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { SqliteReadModels } from '@ledger/projections/sqlite/sqlite-read-model.store';
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { writeEnterpriseHistory } from '../libs/audit/test-support/seat-history';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '1000000' },
      out: { type: 'string' },
      claims: { type: 'string', default: '20' },
      concurrency: { type: 'string', default: '32' },
      seed: { type: 'string', default: '1' },
    },
  });
  if (!values.out) throw new Error('--out DIR is required');
  const target = Number(values.events);
  const claims = Number(values.claims);
  const concurrency = Number(values.concurrency);
  const seed = Number(values.seed);
  fs.mkdirSync(values.out, { recursive: true });
  const store = SqliteEventStore.open({ dataDir: values.out });
  store.database.pragma('synchronous = OFF');
  const readModels = new SqliteReadModels(store.database);
  await readModels.catchUp((after, max) => store.readAll({ afterPosition: after, maxCount: max }));
  store.setInlineProjector(readModels);
  const deps = { store, policies: DEFAULT_POLICY_TABLE };
  const started = Date.now();
  let next = 0;
  let head = await store.headPosition();
  let lastReport = 0;
  const worker = async () => {
    while (head < target) {
      const index = next++;
      await writeEnterpriseHistory(deps, index, {
        enterprises: 1,
        claimsPerApplication: claims,
        seed,
        recordedAt: new Date(Date.UTC(2023, 8, 20) + index * 1000).toISOString(),
      });
      head = await store.headPosition();
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        const seconds = (Date.now() - started) / 1000;
        console.error(
          `${head} events, ${next} enterprises, ${Math.round(head / seconds)} events/s, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MiB`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await store.close();
  const seconds = (Date.now() - started) / 1000;
  console.log(
    JSON.stringify({ events: head, enterprises: next, claimsPerApplication: claims, seconds }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
