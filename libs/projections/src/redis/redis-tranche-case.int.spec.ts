import Database from 'better-sqlite3';
import Redis from 'ioredis';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { RedisServerHandle, startRedisServer } from '../../test-support/redis-server';
import { dumpSqliteReadModels } from '../rebuild';
import { SqliteReadModels } from '../sqlite/sqlite-read-model.store';
import { E2, S1, schoolCaseStory, siteCaseStory } from '../testing/tranche-case.fixture';
import { dumpRedisReadModels } from './rebuild-redis';
import { RedisReadModels } from './redis-read-models';

/**
 * R-FRAUD amended (a case against a school, a false lease year): Redis
 * answers exactly as SQLite, the new school clawback journal included.
 */
jest.setTimeout(60_000);

describe('RedisReadModels: cases against schools and false site tranches, against SQLite', () => {
  let server: RedisServerHandle;
  let redis: Redis;
  let readModels: RedisReadModels;
  let db: Database.Database;
  let sqlite: SqliteReadModels;
  const keyPrefix = 'tranche-case-test:';
  const events: RecordedEvent[] = [...schoolCaseStory(), ...siteCaseStory()];

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
    expect(dump['school_clawback_entries']).toHaveLength(3);
  });

  it.each(['2024-03-09', '2024-04-15', '2024-04-30'])(
    'given the school case, when the ageing as of %s is asked, then both stores answer alike',
    async (asOf) => {
      expect(await readModels.schoolClawbackAgeing(S1, asOf)).toEqual(
        await sqlite.schoolClawbackAgeing(S1, asOf),
      );
      expect(await readModels.schoolClawbackAgeingAll({ asOf })).toEqual(
        await sqlite.schoolClawbackAgeingAll({ asOf }),
      );
      expect(await readModels.clawbackAgeing(E2, asOf)).toEqual(
        await sqlite.clawbackAgeing(E2, asOf),
      );
    },
  );

  it('given both cases, when the trace, balances and payments are asked, then both stores answer alike', async () => {
    expect(await readModels.caseTrace('case-s')).toEqual(await sqlite.caseTrace('case-s'));
    expect(await readModels.schoolBalance(S1, '2024-04-30')).toEqual(
      await sqlite.schoolBalance(S1, '2024-04-30'),
    );
    expect(await readModels.enterpriseBalance(E2, '2024-04-30')).toEqual(
      await sqlite.enterpriseBalance(E2, '2024-04-30'),
    );
    expect((await sqlite.enterpriseBalance(E2, '2024-04-30')).programmes.siteLease).toMatchObject({
      clawbackDueFen: 500_000,
      recoveredFen: 200_000,
    });
    for (const id of ['dis-i', 'dis-s']) {
      expect(await readModels.disbursement(id)).toEqual(await sqlite.disbursement(id));
    }
    await expect(readModels.schoolClawbackAgeing(S1, '2024-02-30')).rejects.toThrow(RangeError);
  });
});
