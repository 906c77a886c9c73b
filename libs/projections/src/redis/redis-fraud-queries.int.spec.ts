import Database from 'better-sqlite3';
import Redis from 'ioredis';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { RedisServerHandle, startRedisServer } from '../../test-support/redis-server';
import { dumpSqliteReadModels } from '../rebuild';
import { SqliteReadModels } from '../sqlite/sqlite-read-model.store';
import { E1, fraudCaseStory, fundUseReported } from '../testing/fraud-case.fixture';
import { recorded } from '../testing/ledger-events.fixture';
import { dumpRedisReadModels } from './rebuild-redis';
import { RedisReadModels } from './redis-read-models';

/**
 * Issue #5 read models (R-FRAUD trace, ageing, record; R-SEAT-7 fund uses) in
 * Redis answer exactly as in SQLite for the same events.
 */
jest.setTimeout(60_000);

describe('RedisReadModels: fraud cases and use of funds, against SQLite', () => {
  let server: RedisServerHandle;
  let redis: Redis;
  let readModels: RedisReadModels;
  let db: Database.Database;
  let sqlite: SqliteReadModels;
  const keyPrefix = 'fraud-test:';

  const events: RecordedEvent[] = [
    ...fraudCaseStory(),
    recorded(fundUseReported, { position: 200, stream: `enterprise-${E1}` }),
  ];

  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url);
    readModels = new RedisReadModels(redis, { keyPrefix });
    await readModels.applyEvents(events);
    db = new Database(':memory:');
    sqlite = new SqliteReadModels(db);
    sqlite.applyEvents(events);
  });

  afterAll(async () => {
    db?.close();
    redis?.disconnect();
    await server?.dispose();
  });

  it('given the same events, when dumped, then Redis holds the same rows and documents as SQLite', async () => {
    const dump = await dumpRedisReadModels(redis, keyPrefix);
    expect(dump).toEqual(dumpSqliteReadModels(db));
    expect(dump['clawback_entries']).toHaveLength(5);
    expect(dump['fund_use_entries']).toHaveLength(1);
  });

  it.each(['2024-03-09', '2024-03-10', '2024-05-20', '2024-06-01'])(
    'given the case, when the ageing as of %s is asked, then both stores answer alike',
    async (asOf) => {
      expect(await readModels.clawbackAgeing(E1, asOf)).toEqual(
        await sqlite.clawbackAgeing(E1, asOf),
      );
      expect(await readModels.clawbackAgeingAll({ asOf })).toEqual(
        await sqlite.clawbackAgeingAll({ asOf }),
      );
    },
  );

  it('given the case, when the trace, the record and the fund uses are asked, then both stores answer alike', async () => {
    expect(await readModels.caseTrace('case-1')).toEqual(await sqlite.caseTrace('case-1'));
    expect(await readModels.caseTrace('case-1')).toMatchObject({
      status: 'closed',
      outstandingFen: 0,
    });
    expect(await readModels.enterpriseRecord(E1)).toEqual(await sqlite.enterpriseRecord(E1));
    for (const asOf of ['2024-01-31', '2024-02-01']) {
      expect(await readModels.fundUses(E1, asOf)).toEqual(await sqlite.fundUses(E1, asOf));
    }
    expect(await readModels.disbursement('dis-1')).toEqual(await sqlite.disbursement('dis-1'));
  });

  it('given a bad date or page size, when asked, then Redis refuses it as SQLite does', async () => {
    await expect(readModels.clawbackAgeing(E1, '2024-02-30')).rejects.toThrow(RangeError);
    await expect(readModels.clawbackAgeingAll({ asOf: '2024-03-10', limit: 1001 })).rejects.toThrow(
      RangeError,
    );
  });
});
