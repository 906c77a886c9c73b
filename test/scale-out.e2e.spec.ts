import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { EventStoreDbEventStore } from '@ledger/event-store/eventstoredb/eventstoredb-event-store';
import {
  dumpRedisReadModels,
  rebuildRedisReadModels,
} from '@ledger/projections/redis/rebuild-redis';
import Redis from 'ioredis';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as path from 'node:path';
import { EventStoreDbGrpcDouble } from '../libs/event-store/test-support/esdb-grpc-double/eventstoredb-grpc.double';
import { RedisServerHandle, startRedisServer } from '../libs/projections/test-support/redis-server';
import {
  LedgerClient,
  LedgerProcess,
  ProjectorProcess,
  startLedger,
  startProjector,
  removeTempDataDirs,
  tempDataDir,
  tokenFor,
} from './support/ledger-process';

/**
 * Scale-out mode end to end: two API processes and one projector against the
 * gRPC double of EventStoreDB (test support, in this process) and a real
 * redis-server this test starts. Steps build on each other, in order.
 */
jest.setTimeout(180_000);

const execFileAsync = promisify(execFile);

const reviewer = tokenFor('rita', 'reviewer');
const finance = tokenFor('fay', 'finance');
const CAP_FEN = 1_000_000;

describe('scale-out: EventStoreDB (gRPC double) + Redis + projector + two API replicas', () => {
  const double = new EventStoreDbGrpcDouble();
  let redisServer: RedisServerHandle;
  let redis: Redis;
  let esdb: EventStoreDbEventStore;
  let env: Record<string, string>;
  let projector: ProjectorProcess;
  const apis: LedgerProcess[] = [];
  let http1: LedgerClient;
  let http2: LedgerClient;
  let seed = 5000;

  beforeAll(async () => {
    await double.start();
    redisServer = await startRedisServer({ appendonly: true, appendfsync: 'always' });
    redis = new Redis(redisServer.url, { maxRetriesPerRequest: null });
    esdb = EventStoreDbEventStore.connect(double.connectionString);
    env = { LEDGER_EVENTSTORE_URL: double.connectionString, LEDGER_REDIS_URL: redisServer.url };
    projector = await startProjector(env);
    for (const name of ['api-1', 'api-2']) apis.push(await startLedger(tempDataDir(name), env));
    http1 = new LedgerClient(apis[0].baseUrl);
    http2 = new LedgerClient(apis[1].baseUrl);
  });

  afterAll(async () => {
    for (const api of apis) await api.stop();
    await projector?.stop();
    await esdb?.close();
    redis?.disconnect();
    await redisServer?.dispose();
    await double.stop();
    removeTempDataDirs();
  });

  const months = (year: number, from: number, count: number) =>
    Array.from({ length: count }, (_, i) => `${year}-${String(from + i).padStart(2, '0')}`);

  /** Registers an enterprise and an approved application claiming `persons` for the given months. */
  async function approvedApplication(
    http: LedgerClient,
    persons: string[],
    claimMonths: string[],
    submittedOn: string,
  ) {
    const enterpriseId = makeCreditCode(seed++);
    const reg = await http.as(reviewer).post('/v1/enterprises', {
      creditCode: enterpriseId,
      name: `E${seed}`,
      industry: 'annotation',
      seats: 300,
    });
    expect(reg.status).toBe(201);
    const sub = await http.as(reviewer).post('/v1/seat-applications', {
      enterpriseId,
      submittedOn,
      claims: persons.map((personId, i) => ({
        personId,
        name: `P${i}`,
        wageMonths: claimMonths,
        insuranceMonths: claimMonths,
      })),
    });
    expect(sub.status).toBe(201);
    expect(sub.body.claims.every((c: { status: string }) => c.status === 'submitted')).toBe(true);
    const rev = await http
      .as(tokenFor('rob', 'reviewer'))
      .post(`/v1/seat-applications/${sub.body.applicationId}/review`, {
        decidedOn: submittedOn,
        decisions: sub.body.claims.map((c: { claimId: string }) => ({
          claimId: c.claimId,
          approve: true,
        })),
      });
    expect(rev.status).toBe(200);
    return { enterpriseId, applicationId: sub.body.applicationId as string };
  }

  async function readModelsEqualRebuild(): Promise<void> {
    const head = await esdb.headPosition();
    const deadline = Date.now() + 30_000;
    while (Number(await redis.get('ledger:checkpoint')) < head && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    await rebuildRedisReadModels(
      redis,
      (afterPosition, maxCount) => esdb.readAll({ afterPosition, maxCount }),
      { keyPrefix: 'rebuild:' },
    );
    const live = await dumpRedisReadModels(redis, 'ledger:');
    const rebuilt = await dumpRedisReadModels(redis, 'rebuild:');
    expect(live).toEqual(rebuilt);
  }

  it('given scale-out mode, when the seat story runs across both replicas, then commands and read-your-write queries agree', async () => {
    const personId = makeResidentId('140203', '19880808', 1);
    const { enterpriseId, applicationId } = await approvedApplication(
      http1,
      [personId],
      months(2023, 1, 2),
      '2023-03-01',
    );
    const t = await http2.as(finance).post(`/v1/seat-applications/${applicationId}/tranches`, {
      tranche: 1,
      decidedOn: '2023-03-10',
    });
    expect(t.status).toBe(201);
    expect(t.body.amountFen).toBe(250_000);
    expect(t.body.position).toBeGreaterThan(0);
    const pub = await http1.as(reviewer).post('/v1/publicity', {
      trancheIds: [t.body.trancheId],
      startsOn: '2023-03-11',
      endsOn: '2023-03-17',
    });
    expect(pub.status).toBe(201);
    const early = await http2.as(finance).post(`/v1/tranches/${t.body.trancheId}/disbursements`, {
      paidOn: '2023-03-17',
      amountFen: 250_000,
      bankRef: 'SO-1',
    });
    expect(early.body.rule).toBe('R-DATE');
    const paid = await http2.as(finance).post(`/v1/tranches/${t.body.trancheId}/disbursements`, {
      paidOn: '2023-03-20',
      amountFen: 250_000,
      bankRef: 'SO-1',
    });
    expect(paid.status).toBe(201);
    const again = await http1.as(finance).post(`/v1/tranches/${t.body.trancheId}/disbursements`, {
      paidOn: '2023-03-20',
      amountFen: 250_000,
      bankRef: 'SO-1',
    });
    expect(again.status).toBe(409);
    const balance = await http1
      .as(finance)
      .get(
        `/v1/enterprises/${enterpriseId}/balance?asOf=2023-03-31&minPosition=${paid.body.position}`,
      );
    expect(balance.status).toBe(200);
    expect(balance.body.programmes.seat).toEqual({
      approvedFen: 250_000,
      disbursedFen: 250_000,
      clawbackDueFen: 0,
      recoveredFen: 0,
    });
    const before = await http2
      .as(finance)
      .get(
        `/v1/enterprises/${enterpriseId}/balance?asOf=2023-03-15&minPosition=${paid.body.position}`,
      );
    expect(before.body.programmes.seat.disbursedFen).toBe(0);
    const view = await http2
      .as(reviewer)
      .get(`/v1/seat-applications/${applicationId}?minPosition=${paid.body.position}`);
    expect(view.body.tranches[0].disbursement.bankRef).toBe('SO-1');
    // Issue #13: the work lists from Redis (ADR 0017), on either replica.
    for (const http of [http1, http2]) {
      const paidList = await http
        .as(finance)
        .get(
          `/v1/tranches?status=paid&enterpriseId=${enterpriseId}&minPosition=${paid.body.position}`,
        );
      expect(paidList.status).toBe(200);
      expect(paidList.body).toEqual({
        items: [expect.objectContaining({ trancheId: t.body.trancheId, bankRef: 'SO-1' })],
        nextCursor: null,
      });
      const apps = await http
        .as(reviewer)
        .get(`/v1/seat-applications?enterpriseId=${enterpriseId}&status=paid&limit=1`);
      expect(apps.body.items.map((a: { applicationId: string }) => a.applicationId)).toEqual([]);
      const partly = await http
        .as(reviewer)
        .get(`/v1/seat-applications?enterpriseId=${enterpriseId}&status=partly-paid`);
      expect(partly.body.items.map((a: { applicationId: string }) => a.applicationId)).toEqual([
        applicationId,
      ]);
      expect((await http.as(reviewer).get('/v1/seat-applications?cursor=abc')).status).toBe(400);
    }
  });

  it('given persons near their cap, when tranches race from both replicas, then no person passes 10,000 yuan', async () => {
    const persons = Array.from({ length: 8 }, (_, i) =>
      makeResidentId('140203', '19900101', 100 + i),
    );
    // Five employers claim the same persons for disjoint months: 5 × 2,500 > 10,000 per person.
    const apps = [];
    for (let e = 0; e < 5; e++)
      apps.push(
        await approvedApplication(
          e % 2 ? http2 : http1,
          persons,
          months(2023, 1 + 2 * e, 2),
          '2023-12-20',
        ),
      );
    const answers = await Promise.all(
      apps.map((a, i) =>
        (i % 2 ? http2 : http1)
          .as(finance)
          .post(`/v1/seat-applications/${a.applicationId}/tranches`, {
            tranche: 1,
            decidedOn: '2023-12-21',
          }),
      ),
    );
    for (const a of answers) expect(a.status).toBe(201);
    const included = new Map<string, number>();
    let refusedByCap = 0;
    for (const a of answers) {
      refusedByCap += a.body.refused.filter((r: { rule: string }) => r.rule === 'R-SEAT-5').length;
      for (const c of a.body.included) {
        const index = Number(c.claimId.split('.c')[1]) - 1;
        included.set(persons[index], (included.get(persons[index]) ?? 0) + c.amountFen);
      }
    }
    expect(refusedByCap).toBe(8); // one of the five employers' claims per person finds the cap full
    const position = Math.max(...answers.map((a) => a.body.position));
    for (const personId of persons) {
      const cap = await http1
        .as(finance)
        .get(`/v1/persons/${personId}/cap?minPosition=${position}`);
      expect(cap.status).toBe(200);
      expect(cap.body.usedFen).toBe(CAP_FEN);
      expect(included.get(personId)).toBe(CAP_FEN);
    }
  });

  it('given a long stream, when the projector is killed midway and restarted, then the read models equal a rebuild from zero', async () => {
    const work = Array.from({ length: 12 }, (_, i) =>
      approvedApplication(
        i % 2 ? http2 : http1,
        [makeResidentId('140204', '19910101', 200 + i)],
        months(2023, 1, 2),
        '2023-05-01',
      ),
    );
    await new Promise((r) => setTimeout(r, 300));
    await projector.kill();
    await Promise.all(work);
    projector = await startProjector(env);
    await readModelsEqualRebuild();
  });

  it('given commands under load, when Redis is killed and restarted (AOF on), then no event is lost or applied twice', async () => {
    let running = true;
    let done = 0;
    const load = (async () => {
      for (let i = 0; running && i < 40; i++) {
        const r = await (i % 2 ? http2 : http1).as(reviewer).post('/v1/enterprises', {
          creditCode: makeCreditCode(seed++),
          name: `L${i}`,
          industry: 'call',
          seats: 250,
        });
        expect(r.status).toBe(201);
        done += 1;
      }
    })();
    await new Promise((r) => setTimeout(r, 400));
    await redisServer.kill();
    // Readiness names Redis while it is down, liveness does not care (issue #15 point 4).
    const down = await fetch(`${apis[0].baseUrl}/health/ready`);
    expect(down.status).toBe(503);
    const body = (await down.json()) as { error: Record<string, { status: string }> };
    expect(body.error.redis).toEqual(expect.objectContaining({ status: 'down' }));
    expect((await fetch(`${apis[0].baseUrl}/health/live`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    await redisServer.restart();
    let ready = 0;
    for (const deadline = Date.now() + 15_000; ready !== 200 && Date.now() < deadline;) {
      ready = (await fetch(`${apis[0].baseUrl}/health/ready`)).status;
      if (ready !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready).toBe(200);
    await load;
    running = false;
    expect(done).toBeGreaterThan(0);
    await readModelsEqualRebuild();
  });

  it('given an API replica killed between reservations and tranche approval, when it restarts, then recovery on EventStoreDB finishes the tranche once', async () => {
    const persons = Array.from({ length: 300 }, (_, i) => makeResidentId('140205', '19920202', i));
    const { applicationId } = await approvedApplication(
      http1,
      persons,
      months(2023, 1, 2),
      '2023-06-01',
    );
    const trancheId = `${applicationId}.t1`;
    const reserved = () =>
      double.events.filter(
        (e) => e.type === 'CapReserved' && Buffer.from(e.data).toString().includes(trancheId),
      ).length;
    const approved = () =>
      double.events.some(
        (e) => e.type === 'TrancheApproved' && Buffer.from(e.data).toString().includes(trancheId),
      );
    const request = http1
      .as(finance)
      .post(`/v1/seat-applications/${applicationId}/tranches`, {
        tranche: 1,
        decidedOn: '2023-06-05',
      })
      .catch(() => undefined);
    const deadline = Date.now() + 30_000;
    while (reserved() < 20 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    await apis[0].kill();
    await request;
    const atKill = reserved();
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(persons.length);
    expect(approved()).toBe(false);
    apis[0] = await startLedger(apis[0].dataDir, env);
    http1 = new LedgerClient(apis[0].baseUrl);
    const until = Date.now() + 60_000;
    while (!approved() && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(approved()).toBe(true);
    expect(reserved()).toBe(persons.length);
    expect(
      double.events.filter(
        (e) => e.type === 'TrancheApproved' && Buffer.from(e.data).toString().includes(trancheId),
      ),
    ).toHaveLength(1);
    const head = await esdb.headPosition();
    const view = await http1
      .as(finance)
      .get(`/v1/seat-applications/${applicationId}?minPosition=${head}`);
    expect(view.body.tranches[0]).toMatchObject({
      status: 'approved',
      amountFen: persons.length * 250_000,
    });
  });

  it('given the event store connection drops, when it comes back, then the projector resubscribes and catches up', async () => {
    await double.stop({ abrupt: true });
    await new Promise((r) => setTimeout(r, 500));
    await double.restart();
    const enterpriseId = makeCreditCode(seed++);
    const r = await http1.as(reviewer).post('/v1/enterprises', {
      creditCode: enterpriseId,
      name: 'After the drop',
      industry: 'call',
      seats: 300,
    });
    expect(r.status).toBe(201);
    const balance = await http2
      .as(finance)
      .get(`/v1/enterprises/${enterpriseId}/balance?minPosition=${r.body.position}`);
    expect(balance.status).toBe(200);
    expect(projector.output()).toMatch(/resubscrib/);
    await readModelsEqualRebuild();
  });

  it('given the scale-out history, when `ledger verify` runs on EventStoreDB and Redis, then chains, invariants and the Redis read models all hold', async () => {
    // Asynchronous on purpose: the double serves gRPC from this very process.
    const { stdout } = await execFileAsync(
      process.execPath,
      [path.resolve(__dirname, '../dist/apps/cli/src/main.js'), 'verify', '--quiet'],
      {
        env: {
          ...process.env,
          ...env,
          LEDGER_JWT_SECRET: 'x'.repeat(40),
          LEDGER_PERSON_KEY_SECRET: 'y'.repeat(40),
          LEDGER_DATA_DIR: tempDataDir('verify'),
        },
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({
      ok: true,
      backend: 'eventstoredb',
      readModels: { ok: true, compared: true, differences: 0 },
    });
    expect(report.readModels.rowsCompared).toBeGreaterThan(100);
    expect(report.hashChain.unhashedEvents).toBe(0);
  });
});
