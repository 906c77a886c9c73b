import Database from 'better-sqlite3';
import Redis from 'ioredis';
import { RedisServerHandle, startRedisServer } from '../../test-support/redis-server';
import { LedgerReadModels } from '../ledger-read-models';
import { WorkListPage } from '../queries/work-list-page';
import { dumpSqliteReadModels } from '../rebuild';
import { SqliteReadModels } from '../sqlite/sqlite-read-model.store';
import {
  workListEnterpriseId,
  workListHistory,
  workListSchoolId,
} from '../testing/work-list-history.fixture';
import { dumpRedisReadModels } from './rebuild-redis';
import { RedisReadModels } from './redis-read-models';

/**
 * Issue #13: for the same history, the Redis store answers every work list
 * page by page exactly as SQLite: same items, same order, same cursors.
 */
jest.setTimeout(120_000);

type Pager = (
  models: LedgerReadModels,
  cursor: string | undefined,
  limit: number,
) => Promise<WorkListPage<object>>;

describe('RedisReadModels: work lists against SQLite', () => {
  let server: RedisServerHandle;
  let redis: Redis;
  let onRedis: RedisReadModels;
  let db: Database.Database;
  let onSqlite: SqliteReadModels;
  const keyPrefix = 'work-lists-test:';
  const events = [
    ...workListHistory({ enterprises: 23, applicationsPerEnterprise: 6, schools: 5 }),
  ];

  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url);
    onRedis = new RedisReadModels(redis, { keyPrefix });
    await onRedis.applyEvents(events);
    db = new Database(':memory:');
    onSqlite = new SqliteReadModels(db);
    onSqlite.applyEvents(events);
  });

  afterAll(async () => {
    db?.close();
    redis?.disconnect();
    await server?.dispose();
  });

  /** Every page, following the cursors; both stores in lockstep. */
  async function bothStores(pager: Pager, limit: number): Promise<object[]> {
    const items: object[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 1_000; pages++) {
      const [r, s] = await Promise.all([
        pager(onRedis, cursor, limit),
        pager(onSqlite, cursor, limit),
      ]);
      expect(r).toEqual(s);
      items.push(...s.items);
      if (s.nextCursor === null) return items;
      cursor = s.nextCursor;
    }
    throw new Error('too many pages');
  }

  it('given the same history, when dumped, then Redis holds the same list documents and index entries as SQLite', async () => {
    const dump = await dumpRedisReadModels(redis, keyPrefix);
    expect(dump).toEqual(dumpSqliteReadModels(db));
    expect(dump['audit_event_index']).toHaveLength(events.length);
  });

  const E3 = workListEnterpriseId(3);
  const cases: [string, number, Pager][] = [
    ['seat applications', 7, (m, cursor, limit) => m.workLists.seatApplications({ cursor, limit })],
    [
      'reviewed seat applications of one enterprise',
      1,
      (m, cursor, limit) =>
        m.workLists.seatApplications({ cursor, limit, status: 'reviewed', enterpriseId: E3 }),
    ],
    [
      'paid seat applications',
      5,
      (m, cursor, limit) => m.workLists.seatApplications({ cursor, limit, status: 'partly-paid' }),
    ],
    ['enterprises', 4, (m, cursor, limit) => m.workLists.enterprises({ cursor, limit })],
    [
      'enterprises by name, suspended or not',
      2,
      (m, cursor, limit) => m.workLists.enterprises({ cursor, limit, q: '呼叫', suspended: false }),
    ],
    [
      'tranches',
      9,
      (m, cursor, limit) => m.workLists.tranches({ cursor, limit, asOf: '2023-03-05' }),
    ],
    [
      'payable tranches',
      3,
      (m, cursor, limit) =>
        m.workLists.tranches({ cursor, limit, status: 'payable', asOf: '2023-03-05' }),
    ],
    [
      'tranches in publicity of one enterprise',
      1,
      (m, cursor, limit) =>
        m.workLists.tranches({
          cursor,
          limit,
          status: 'in-publicity',
          enterpriseId: E3,
          asOf: '2023-02-28',
        }),
    ],
    [
      'internship tranches of a school',
      1,
      (m, cursor, limit) =>
        m.workLists.tranches({
          cursor,
          limit,
          programme: 'internship',
          schoolId: workListSchoolId(1),
          asOf: '2023-03-05',
        }),
    ],
    [
      'open notices',
      4,
      (m, cursor, limit) =>
        m.workLists.publicity({ cursor, limit, status: 'open', asOf: '2023-03-05' }),
    ],
    ['cases', 2, (m, cursor, limit) => m.workLists.cases({ cursor, limit })],
    ['open cases', 1, (m, cursor, limit) => m.workLists.cases({ cursor, limit, status: 'open' })],
    [
      'internship applications',
      2,
      (m, cursor, limit) => m.workLists.internshipApplications({ cursor, limit }),
    ],
  ];

  it.each(cases)(
    'given the same history, when %s are paged %i at a time, then Redis answers every page as SQLite, without gaps or repeats',
    async (_name, limit, pager) => {
      const items = await bothStores(pager, limit);
      const whole = await pager(onSqlite, undefined, 500);
      expect(whole.nextCursor).toBeNull();
      expect(items).toEqual(whole.items);
      expect(new Set(items.map((i) => JSON.stringify(i))).size).toBe(items.length);
      expect(items.length).toBeGreaterThan(0);
    },
  );

  it('given the same history, when audit positions are filtered, then both stores name the same events', async () => {
    for (const q of [
      { stream: `enterprise-${E3}`, after: 0, limit: 100 },
      { enterpriseId: E3, type: 'TrancheApproved', after: 0, limit: 100 },
      { type: 'TrancheDisbursed', after: 10, limit: 7, fromRecorded: '2023-01-01T00:01:00.000Z' },
    ]) {
      const s = await onSqlite.workLists.auditEventPositions(q);
      expect(await onRedis.workLists.auditEventPositions(q)).toEqual(s);
      expect(s!.length).toBeGreaterThan(0);
    }
  });
});
