/**
 * Issue #3 figures: projector throughput (events/s into Redis) and read-model
 * lag under a steady command load, in scale-out mode against the gRPC double
 * of EventStoreDB (test support, in this process) and a real redis-server.
 *
 *   npm run build && npx tsx bench/scale-out-projector.bench.ts [enterprises=300] [commandsPerSecond=20] [seconds=15]
 *
 * The double is in memory and in this process, so the figures measure the
 * projector and Redis, not EventStoreDB's own disk or network.
 */
import {
  approveTranche,
  CommandContext,
  registerEnterprise,
  reviewApplication,
  submitSeatApplication,
} from '@ledger/application';
import { DEFAULT_POLICY_TABLE, maskResidentId } from '@ledger/domain';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { EventStoreDbEventStore } from '@ledger/event-store/eventstoredb/eventstoredb-event-store';
import Redis from 'ioredis';
import { createHash } from 'node:crypto';
import { EventStoreDbGrpcDouble } from '../libs/event-store/test-support/esdb-grpc-double/eventstoredb-grpc.double';
import { startRedisServer } from '../libs/projections/test-support/redis-server';
import {
  LedgerClient,
  startLedger,
  startProjector,
  tempDataDir,
  tokenFor,
} from '../test/support/ledger-process';

const ctx = (actorId: string, role: string): CommandContext => ({
  actorId,
  role,
  recordedAt: new Date().toISOString(),
  correlationId: `bench-${actorId}`,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const enterprises = Number(process.argv[2] ?? 300);
  const rate = Number(process.argv[3] ?? 20);
  const seconds = Number(process.argv[4] ?? 15);
  const double = new EventStoreDbGrpcDouble({ appendPath: 'batch-append' });
  await double.start();
  const redisServer = await startRedisServer({ appendonly: true, appendfsync: 'everysec' });
  const redis = new Redis(redisServer.url);
  const store = EventStoreDbEventStore.connect(double.connectionString);
  const deps = { store, policies: DEFAULT_POLICY_TABLE };
  const env = { LEDGER_EVENTSTORE_URL: double.connectionString, LEDGER_REDIS_URL: redisServer.url };
  try {
    // 1. A history written before the projector starts: enterprises, applications of 5 claims, tranches.
    for (let e = 0; e < enterprises; e++) {
      const enterpriseId = makeCreditCode(70_000 + e);
      await registerEnterprise(deps, ctx('rita', 'reviewer'), {
        enterpriseId,
        name: `E${e}`,
        industry: 'call',
        seats: 300,
        registeredOn: '2023-01-05',
      });
      const applicationId = `bench-so-${e}`;
      const claims = Array.from({ length: 5 }, (_, i) => {
        const personId = makeResidentId('140202', '19900101', (e * 5 + i) % 1000).replace(
          /^140202/,
          String(140300 + Math.floor((e * 5 + i) / 1000)),
        );
        return {
          personId,
          personKey: createHash('sha256').update(personId).digest('hex').slice(0, 40),
          personIdMasked: maskResidentId(personId),
          name: `P${i}`,
          wageMonths: ['2023-01', '2023-02'],
          insuranceMonths: ['2023-01', '2023-02'],
        };
      });
      const submitted = await submitSeatApplication(deps, ctx('clerk', 'applicant'), {
        applicationId,
        enterpriseId,
        submittedOn: '2023-03-01',
        claims,
      });
      await reviewApplication(deps, ctx('rita', 'reviewer'), applicationId, {
        processId: `${applicationId}-r`,
        reviewedBy: 'rita',
        decidedOn: '2023-03-05',
        decisions: submitted.result.claims.map((c) => ({ claimId: c.claimId, approve: true })),
      });
      await approveTranche(deps, ctx('fay', 'finance'), applicationId, {
        tranche: 1,
        decidedOn: '2023-03-10',
      });
    }
    const head = await store.headPosition();
    const events = double.events.length;

    // 2. Catch-up throughput: the projector starts with the whole history behind it.
    const t0 = Date.now();
    const projector = await startProjector(env);
    while (Number(await redis.get('ledger:checkpoint')) < head) await sleep(20);
    const catchUpS = (Date.now() - t0) / 1000;
    console.log(
      JSON.stringify({
        figure: 'projector catch-up',
        events,
        seconds: catchUpS,
        eventsPerSecond: Math.round(events / catchUpS),
      }),
    );

    // 3. Lag under steady load: commands at a fixed rate through the API; for
    // each, the time until a query with its position answers (minPosition).
    const api = await startLedger(tempDataDir('bench-so'), env);
    const http = new LedgerClient(api.baseUrl, tokenFor('rita', 'reviewer'));
    const lagsMs: number[] = [];
    const pending: Promise<void>[] = [];
    const started = Date.now();
    for (let i = 0; i < rate * seconds; i++) {
      const due = started + (i * 1000) / rate;
      if (due > Date.now()) await sleep(due - Date.now());
      pending.push(
        (async () => {
          const enterpriseId = makeCreditCode(90_000 + i);
          const r = await http.post('/v1/enterprises', {
            creditCode: enterpriseId,
            name: `L${i}`,
            industry: 'call',
            seats: 250,
          });
          const answered = Date.now();
          const q = await http.get(
            `/v1/enterprises/${enterpriseId}/balance?minPosition=${r.body.position}`,
          );
          if (q.status !== 200) throw new Error(`query answered ${q.status}`);
          lagsMs.push(Date.now() - answered);
        })(),
      );
    }
    await Promise.all(pending);
    lagsMs.sort((a, b) => a - b);
    const pct = (p: number) =>
      lagsMs[Math.min(lagsMs.length - 1, Math.ceil((p / 100) * lagsMs.length) - 1)];
    console.log(
      JSON.stringify({
        figure: 'read-your-write lag under load',
        commandsPerSecond: rate,
        seconds,
        samples: lagsMs.length,
        p50Ms: pct(50),
        p99Ms: pct(99),
        maxMs: lagsMs[lagsMs.length - 1],
      }),
    );
    await api.stop();
    await projector.stop();
  } finally {
    await store.close();
    redis.disconnect();
    await redisServer.dispose();
    await double.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
