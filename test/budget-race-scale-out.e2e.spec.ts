import { EventStoreDbEventStore } from '@ledger/event-store/eventstoredb/eventstoredb-event-store';
import { EventStoreDbGrpcDouble } from '../libs/event-store/test-support/esdb-grpc-double/eventstoredb-grpc.double';
import { RedisServerHandle, startRedisServer } from '../libs/projections/test-support/redis-server';
import { budgetRaceApplications, RACE_TRANCHE_FEN } from './support/budget-race';
import {
  LedgerClient,
  LedgerProcess,
  removeTempDataDirs,
  startLedger,
  tempDataDir,
  tokenFor,
} from './support/ledger-process';

/**
 * R-BUDGET in the scale-out topology (issue #14): two API replicas on the
 * gRPC double of EventStoreDB (and Redis), eight tranche approvals racing for
 * a budget of three. EventStoreDB has no transaction across streams; each
 * commitment is an append at an expected revision on `budget-seat-2023`, so
 * exactly three are approved, five answer 422 R-BUDGET, and the log never
 * commits more than the appropriation.
 */
jest.setTimeout(240_000);

describe('R-BUDGET with two API replicas on EventStoreDB', () => {
  const double = new EventStoreDbGrpcDouble();
  let redisServer: RedisServerHandle;
  let esdb: EventStoreDbEventStore;
  const apis: LedgerProcess[] = [];
  const http = (i: number) => new LedgerClient(apis[i % 2].baseUrl);
  const finance = tokenFor('fay', 'finance');

  beforeAll(async () => {
    await double.start();
    redisServer = await startRedisServer({});
    esdb = EventStoreDbEventStore.connect(double.connectionString);
    const env = {
      LEDGER_EVENTSTORE_URL: double.connectionString,
      LEDGER_REDIS_URL: redisServer.url,
      LEDGER_BUDGET_CONTROL: 'on',
    };
    for (const name of ['budget-1', 'budget-2'])
      apis.push(await startLedger(tempDataDir(name), env));
  });

  afterAll(async () => {
    for (const api of apis) await api.stop();
    await esdb?.close();
    await redisServer?.dispose();
    await double.stop();
    removeTempDataDirs();
  });

  it('given a budget of three tranches, when eight approvals race through two replicas, then three are approved and the log never commits more than appropriated', async () => {
    const applications = await budgetRaceApplications(http, 8, 9_400);
    const created = await http(0)
      .as(finance)
      .post('/v1/budgets', {
        programme: 'seat',
        fiscalYear: 2023,
        amountFen: 3 * RACE_TRANCHE_FEN,
        documentRef: '同财社〔2023〕12号',
      });
    expect(created.status).toBe(201);
    const answers = await Promise.all(
      applications.map((applicationId, i) =>
        http(i).as(finance).post(`/v1/seat-applications/${applicationId}/tranches`, {
          tranche: 1,
          decidedOn: '2023-11-25',
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 201, 422, 422, 422, 422, 422]);
    for (const a of answers.filter((x) => x.status === 422)) expect(a.body.rule).toBe('R-BUDGET');

    const log = await esdb.readAll({ afterPosition: 0, maxCount: 1_000_000 });
    expect(log.filter((e) => e.type === 'TrancheApprovalStarted')).toHaveLength(3);
    let committed = 0;
    for (const e of log) {
      if (e.type === 'BudgetCommitted') committed += (e.data as { amountFen: number }).amountFen;
      if (e.type === 'BudgetCommitmentReleased')
        committed -= (e.data as { amountFen: number }).amountFen;
      expect(committed).toBeLessThanOrEqual(3 * RACE_TRANCHE_FEN);
    }
    expect(committed).toBe(3 * RACE_TRANCHE_FEN);
  });
});
