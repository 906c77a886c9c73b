import Database from 'better-sqlite3';
import Redis from 'ioredis';
import { RedisServerHandle, startRedisServer } from '../../test-support/redis-server';
import { dumpSqliteReadModels } from '../rebuild';
import { SqliteReadModels } from '../sqlite/sqlite-read-model.store';
import { E1, S1, siteAndInternshipStory } from '../testing/site-and-internship.fixture';
import { dumpRedisReadModels } from './rebuild-redis';
import { RedisReadModels } from './redis-read-models';

/**
 * Issue #7 read models (site applications, internship applications,
 * effective seats, special terms, school balances, site programmes in the
 * enterprise balance, site and internship payments) in Redis answer exactly
 * as in SQLite for the same events.
 */
jest.setTimeout(60_000);

describe('RedisReadModels: effective seats, site subsidies, internship rewards, against SQLite', () => {
  let server: RedisServerHandle;
  let redis: Redis;
  let readModels: RedisReadModels;
  let db: Database.Database;
  let sqlite: SqliteReadModels;
  const keyPrefix = 'site-test:';
  const events = siteAndInternshipStory();

  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url);
    readModels = new RedisReadModels(redis, { keyPrefix });
    // One at a time, as the projector's subscription feeds them.
    for (const event of events) expect(await readModels.applyEvent(event)).toBe('applied');
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
    expect(dump['school_balance_entries']).toHaveLength(3);
    expect(dump['balance_entries'].length).toBeGreaterThanOrEqual(7);
  });

  it.each([
    '2023-01-19',
    '2023-01-20',
    '2023-02-14',
    '2023-02-15',
    '2023-12-31',
    '2024-01-10',
    '2030-01-01',
  ])(
    'given the story, when the enterprise balance as of %s is asked, then both stores answer alike, per site programme',
    async (asOf) => {
      expect(await readModels.enterpriseBalance(E1, asOf)).toEqual(
        await sqlite.enterpriseBalance(E1, asOf),
      );
    },
  );

  it.each(['2024-01-19', '2024-01-20', '2024-01-25', '2024-01-30'])(
    'given the story, when the school balance as of %s is asked (and as known at each recorded time), then both stores answer alike',
    async (asOf) => {
      expect(await readModels.schoolBalance(S1, asOf)).toEqual(
        await sqlite.schoolBalance(S1, asOf),
      );
      for (const e of events.filter((x) => x.stream.startsWith('internship-application-'))) {
        const knownAt = e.metadata.recordedAt;
        expect(await readModels.schoolBalance(S1, asOf, knownAt)).toEqual(
          await sqlite.schoolBalance(S1, asOf, knownAt),
        );
      }
    },
  );

  it('given the story, when the documents are asked, then both stores answer alike', async () => {
    for (const siteId of ['site-lease', 'site-reno', 'site-buy', 'unknown']) {
      expect(await readModels.siteApplication(siteId)).toEqual(
        await sqlite.siteApplication(siteId),
      );
    }
    expect(await readModels.internshipApplication('ia-1')).toEqual(
      await sqlite.internshipApplication('ia-1'),
    );
    expect(await readModels.effectiveSeats(E1)).toEqual(await sqlite.effectiveSeats(E1));
    expect(await readModels.specialTerms(E1)).toEqual(await sqlite.specialTerms(E1));
    expect(await readModels.specialTerms('unknown')).toBeUndefined();
    for (const id of ['dis-site-lease.y1', 'dis-site-buy.y1', 'dis-ia']) {
      expect(await readModels.disbursement(id)).toEqual(await sqlite.disbursement(id));
    }
    expect(await readModels.siteApplication('site-lease')).toMatchObject({
      tranches: [{ amountFen: 10_000_000 }, { amountFen: 15_000_000 }],
    });
    expect(await readModels.schoolBalance('unknown', '2030-01-01')).toEqual(
      await sqlite.schoolBalance('unknown', '2030-01-01'),
    );
  });

  it('given a bad date, when a school balance is asked, then Redis refuses it as SQLite does', async () => {
    await expect(readModels.schoolBalance(S1, '2024-02-30')).rejects.toThrow(RangeError);
    await expect(sqlite.schoolBalance(S1, '2024-02-30')).rejects.toThrow(RangeError);
    await expect(readModels.schoolBalance(S1, '2024-02-01', 'not a time')).rejects.toThrow(
      RangeError,
    );
  });
});
