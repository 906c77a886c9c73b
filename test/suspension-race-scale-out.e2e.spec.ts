import { EventStoreDbEventStore } from '@ledger/event-store/eventstoredb/eventstoredb-event-store';
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { EventStoreDbGrpcDouble } from '../libs/event-store/test-support/esdb-grpc-double/eventstoredb-grpc.double';
import { RedisServerHandle, startRedisServer } from '../libs/projections/test-support/redis-server';
import {
  LedgerClient,
  LedgerProcess,
  startLedger,
  tempDataDir,
  removeTempDataDirs,
} from './support/ledger-process';
import {
  answerKinds,
  LoggedEvent,
  prepareRound,
  race,
  RaceOutcome,
  recordedAfterSuspension,
} from './support/suspension-race';

/**
 * Issue #12 point 6 in the scale-out topology: two API replicas on the gRPC
 * double of EventStoreDB (and Redis), 24 payments and 8 tranche approvals of
 * one enterprise in flight when a case suspends it. EventStoreDB has no
 * transaction across streams, so the order comes from the clearances on the
 * enterprise's stream (ADR 0014): in the log every payment and approval of
 * the enterprise precedes its `EnterpriseSuspended`, and `ledger verify`
 * (invariants on EventStoreDB) agrees. A round where every request landed on
 * one side proves nothing; the test then runs another, and fails if none split.
 */
jest.setTimeout(300_000);

const execFileAsync = promisify(execFile);
const ROUNDS_MAX = 3;
const COUNTS = { payable: 24, approvable: 8 };

describe('a suspension racing payments and approvals, two API replicas on EventStoreDB', () => {
  const double = new EventStoreDbGrpcDouble();
  let redisServer: RedisServerHandle;
  let esdb: EventStoreDbEventStore;
  let env: Record<string, string>;
  const apis: LedgerProcess[] = [];
  const http = (i: number) => new LedgerClient(apis[i % 2].baseUrl);
  const outcomes: RaceOutcome[] = [];

  beforeAll(async () => {
    await double.start();
    redisServer = await startRedisServer({});
    esdb = EventStoreDbEventStore.connect(double.connectionString);
    env = { LEDGER_EVENTSTORE_URL: double.connectionString, LEDGER_REDIS_URL: redisServer.url };
    for (const name of ['race-1', 'race-2']) apis.push(await startLedger(tempDataDir(name), env));
  });

  afterAll(async () => {
    for (const api of apis) await api.stop();
    await esdb?.close();
    await redisServer?.dispose();
    await double.stop();
  });

  const logged = async (): Promise<LoggedEvent[]> =>
    esdb.readAll({ afterPosition: 0, maxCount: 1_000_000 });

  it('given payments and approvals in flight on both replicas, when a case suspends the enterprise, then nothing of it is recorded after the suspension and every answer tells its side', async () => {
    let split = false;
    for (let n = 1; n <= ROUNDS_MAX && !split; n++) {
      const round = await prepareRound(http, 8_200 + n, COUNTS);
      const outcome = await race(http, round, `e${n}`, 10 + 4 * n);
      outcomes.push(outcome);
      expect(outcome.caseAnswer.status).toBe(201);

      const { suspendedAt, after, before } = recordedAfterSuspension(
        await logged(),
        round.enterpriseId,
      );
      expect(suspendedAt).toEqual(expect.any(Number));
      expect(after.map((e) => `${e.type} at ${e.position} > ${suspendedAt}`)).toEqual([]);

      const payments = answerKinds(outcome.payments);
      const approvals = answerKinds(outcome.approvals);
      const paid = new Set(
        before.filter((e) => e.type === 'TrancheDisbursed').map((e) => e.data.disbursementId),
      );
      expect(paid.size).toBe(payments.done);
      for (const a of outcome.payments.filter((x) => x.status === 201)) {
        expect(paid.has(a.body.disbursementId)).toBe(true);
        // The answer's position may be the settlement of its bank-reference
        // claim (its own stream, written after the payment); the payment itself
        // must precede the suspension.
        const recordedAt = before.find(
          (e) => e.type === 'TrancheDisbursed' && e.data.disbursementId === a.body.disbursementId,
        )?.position;
        expect(recordedAt).toBeLessThan(suspendedAt!);
      }
      const approved = before.filter((e) => e.type === 'TrancheApproved');
      expect(approved).toHaveLength(round.payable.length + approvals.done);
      split = payments.done + approvals.done > 0 && payments.suspended + approvals.suspended > 0;
    }
    expect({ split, rounds: outcomes.length }).toEqual({ split: true, rounds: expect.any(Number) });
  });

  it('given the race, when `ledger verify` checks the EventStoreDB history, then every invariant holds, the suspension one included', async () => {
    expect(outcomes.length).toBeGreaterThan(0);
    // Asynchronous on purpose: the double serves gRPC from this very process.
    const run = await execFileAsync(
      process.execPath,
      [
        path.resolve(__dirname, '../dist/apps/cli/src/main.js'),
        'verify',
        '--quiet',
        '--skip-read-models',
      ],
      {
        env: {
          ...process.env,
          ...env,
          LEDGER_JWT_SECRET: 'x'.repeat(40),
          LEDGER_PERSON_KEY_SECRET: 'y'.repeat(40),
          LEDGER_DATA_DIR: tempDataDir('race-verify'),
        },
        timeout: 120_000,
        maxBuffer: 64 * 1024 * 1024,
      },
    ).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '{}' }));
    const report = JSON.parse(run.stdout);
    expect({ ok: report.ok, problems: report.problems }).toEqual({ ok: true, problems: [] });
    expect(report.invariants.rules).toContain('R-FRAUD');
  });
});

// The data directories made by tempDataDir(): a test leaves nothing behind (issue #10).
afterAll(() => removeTempDataDirs());
