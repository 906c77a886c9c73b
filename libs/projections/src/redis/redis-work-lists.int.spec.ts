import Database from 'better-sqlite3';
import Redis from 'ioredis';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
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
import { ledgerEvent, recorded } from '../testing/ledger-events.fixture';
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
  const events = bankCycle([
    ...workListHistory({ enterprises: 23, applicationsPerEnterprise: 6, schools: 5 }),
  ]);

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
    // Issue #14 (ADR 0021): the bank cycle's statuses, and payable less objection-held tranches.
    [
      'tranches in a payment batch',
      2,
      (m, cursor, limit) =>
        m.workLists.tranches({ cursor, limit, status: 'in-batch', asOf: '2023-05-01' }),
    ],
    [
      'returned tranches',
      2,
      (m, cursor, limit) =>
        m.workLists.tranches({ cursor, limit, status: 'returned', asOf: '2023-05-01' }),
    ],
    [
      'payable tranches after the notices ended',
      2,
      (m, cursor, limit) =>
        m.workLists.tranches({ cursor, limit, status: 'payable', asOf: '2023-05-01' }),
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
    // Issue #14 point 7: payment batches, awaiting approval first.
    ['payment batches', 2, (m, cursor, limit) => m.workLists.paymentBatches({ cursor, limit })],
    [
      'approved payment batches',
      1,
      (m, cursor, limit) => m.workLists.paymentBatches({ cursor, limit, status: 'approved' }),
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

  it('given batches, objections and returns, when tranches are listed by status, then in-batch, returned and payable say what the bank cycle did (both stores)', async () => {
    const ids = async (status: 'in-batch' | 'returned' | 'payable') => {
      const [r, q] = await Promise.all(
        [onRedis, onSqlite].map((m) =>
          m.workLists.tranches({ limit: 500, status, asOf: '2023-05-01' }),
        ),
      );
      expect(r).toEqual(q);
      return new Set(q.items.map((t) => t.trancheId));
    };
    const returnedIds = events
      .filter((e) => e.type === 'DisbursementReturned')
      .map((e) => String(e.data['trancheId']));
    const batched = events
      .filter((e) => e.type === 'TrancheBatched')
      .map((e) => String(e.data['trancheId']));
    const objectedNotices = events
      .filter((e) => e.type === 'ObjectionRaised')
      .map((e) => e.data['publicityId']);
    const trancheOnNotice = (publicityId: unknown) =>
      String(
        events.find((e) => e.type === 'TranchePublicized' && e.data['publicityId'] === publicityId)!
          .data['trancheId'],
      );
    const [heldA, heldB, dismissed, upheld] = objectedNotices.map(trancheOnNotice);
    expect(await ids('in-batch')).toEqual(new Set(batched));
    expect(await ids('returned')).toEqual(new Set(returnedIds));
    const payable = await ids('payable');
    for (const t of returnedIds) expect([t, payable.has(t)]).toEqual([t, true]);
    for (const t of [...batched, heldA, heldB, upheld])
      expect([t, payable.has(t)]).toEqual([t, false]);
    expect(payable.has(dismissed)).toBe(true);
  });

  it('given batches made, approved and paid, when listed, then awaiting approval comes first and each says how far the bank got; each opens with its items (both stores)', async () => {
    const [r, q] = await Promise.all(
      [onRedis, onSqlite].map((m) => m.workLists.paymentBatches({ limit: 500 })),
    );
    expect(r).toEqual(q);
    expect(q.items.map((b) => [b.batchId[0], b.status, b.paidCount])).toEqual([
      ['d', 'awaiting-approval', 0],
      ['b', 'approved', 0],
      ['c', 'partly-paid', 1],
      ['e', 'paid', 1],
    ]);
    for (const b of q.items) {
      const [fromRedis, fromSqlite] = await Promise.all(
        [onRedis, onSqlite].map((m) => m.workLists.paymentBatch(b.batchId)),
      );
      expect(fromRedis).toEqual(fromSqlite);
      expect(fromSqlite!.items).toHaveLength(b.itemCount);
    }
    const c = await onSqlite.workLists.paymentBatch('c'.repeat(24));
    expect(c!.items.map((i) => i.paidOn)).toEqual(['2023-04-03', null]);
    expect(await onRedis.workLists.paymentBatch('0'.repeat(24))).toBeUndefined();
  });

  it('given the same history, when audit positions are filtered, then both stores name the same events', async () => {
    for (const q of [
      { enterpriseId: E3, after: 0, limit: 100 },
      { enterpriseId: E3, type: 'TrancheApproved', after: 0, limit: 100 },
      { type: 'TrancheDisbursed', after: 10, limit: 7, fromRecorded: '2023-01-01T00:01:00.000Z' },
    ]) {
      const s = await onSqlite.workLists.auditEventPositions(q);
      expect(await onRedis.workLists.auditEventPositions(q)).toEqual(s);
      expect(s!.length).toBeGreaterThan(0);
    }
  });
});

/**
 * Issue #14 on top of the work-list history: five published unpaid tranches
 * claimed by a batch, objections held on the notices of four others (two
 * undecided, one dismissed, one upheld on the whole list), and seven payments
 * returned.
 */
function bankCycle(history: RecordedEvent[]): RecordedEvent[] {
  let position = history[history.length - 1].position;
  const at = (stream: string) => ({ position: ++position, stream });
  const paid = history.filter((e) => e.type === 'TrancheDisbursed');
  const paidIds = new Set(paid.map((e) => e.data['trancheId']));
  const unpaid = history.filter(
    (e) => e.type === 'TranchePublicized' && !paidIds.has(e.data['trancheId']),
  );
  const extra: RecordedEvent[] = [];
  const batchId = 'b'.repeat(24);
  unpaid.slice(0, 5).forEach((e, n) => {
    const trancheId = String(e.data['trancheId']);
    extra.push(
      recorded(
        ledgerEvent('TrancheBatched', { trancheId, batchId, itemId: `${batchId}-${n + 1}` }),
        at(`tranche-batch-${trancheId}`),
      ),
    );
  });
  unpaid.slice(5, 9).forEach((e, n) => {
    const publicityId = String(e.data['publicityId']);
    const objectionId = `obj-${n}`;
    extra.push(
      recorded(
        ledgerEvent('ObjectionRaised', {
          publicityId,
          objectionId,
          raisedOn: String(e.data['startsOn']),
          text: '举报',
        }),
        at(`publicity-${publicityId}`),
      ),
    );
    if (n < 2) return;
    extra.push(
      recorded(
        ledgerEvent('ObjectionResolved', {
          processId: objectionId,
          publicityId,
          objectionId,
          resolvedOn: String(e.data['startsOn']),
          upheld: n === 3,
          reason: n === 3 ? '属实' : '不属实',
        }),
        at(`publicity-${publicityId}`),
      ),
    );
  });
  for (const e of paid.slice(0, 7)) {
    extra.push(
      recorded(
        ledgerEvent('DisbursementReturned', {
          applicationId: String(e.data['applicationId']),
          enterpriseId: String(e.data['enterpriseId']),
          trancheId: String(e.data['trancheId']),
          disbursementId: String(e.data['disbursementId']),
          amountFen: Number(e.data['amountFen']),
          returnedOn: '2023-04-20',
          bankRef: `RET-${String(e.data['disbursementId'])}`,
          reason: '账户已销户',
          returnedBy: 'fay',
        }),
        at(String(e.stream)),
      ),
    );
  }
  extra.push(...paymentBatches(at, unpaid.slice(0, 5)));
  return [...history, ...extra];
}

/**
 * Four batches: `b` holds the five claimed tranches, approved; `c` approved
 * with one of its two items paid; `d` awaiting approval; `e` paid. The items
 * of `c`, `d` and `e` name tranches no list has, so the tranche lists above
 * are unchanged.
 */
function paymentBatches(
  at: (stream: string) => { position: number; stream: string },
  claimed: RecordedEvent[],
): RecordedEvent[] {
  const enterpriseId = workListEnterpriseId(1);
  const item = (batchId: string, n: number, trancheId: string) => ({
    itemId: `${batchId}-${n}`,
    trancheId,
    payeeKind: 'enterprise' as const,
    payeeId: enterpriseId,
    payeeName: '大同批次甲有限公司',
    accountId: 'acc-1',
    accountName: '大同批次甲有限公司',
    accountNumber: '6222020200112233445',
    bankName: '中国工商银行大同分行',
    bankCode: '102162000023',
    amountFen: 100_000 * n,
  });
  const out: RecordedEvent[] = [];
  const batch = (letter: string, trancheIds: string[], approve: boolean, paidItems: number) => {
    const batchId = letter.repeat(24);
    const items = trancheIds.map((t, i) => item(batchId, i + 1, t));
    out.push(
      recorded(
        ledgerEvent('PaymentBatchCreated', {
          batchId,
          createdOn: '2023-04-01',
          createdBy: 'fay',
          items,
          refused: [],
          totalFen: items.reduce((sum, i) => sum + i.amountFen, 0),
        }),
        at(`payment-batch-${batchId}`),
      ),
    );
    if (approve) {
      out.push(
        recorded(
          ledgerEvent('PaymentBatchApproved', {
            batchId,
            approvedOn: '2023-04-02',
            approvedBy: 'finn',
          }),
          at(`payment-batch-${batchId}`),
        ),
      );
    }
    for (const i of items.slice(0, paidItems)) {
      out.push(
        recorded(
          ledgerEvent('TrancheDisbursed', {
            applicationId: i.trancheId.replace(/\.t1$/, ''),
            enterpriseId,
            trancheId: i.trancheId,
            disbursementId: i.itemId,
            paidOn: '2023-04-03',
            amountFen: i.amountFen,
            bankRef: `ICBC-${i.itemId}`,
            paidBy: 'finn',
          }),
          at(`seat-application-${i.trancheId}`),
        ),
      );
    }
  };
  batch(
    'b',
    claimed.map((e) => String(e.data['trancheId'])),
    true,
    0,
  );
  batch('c', ['x-1.t1', 'x-2.t1'], true, 1);
  batch('d', ['x-3.t1'], false, 0);
  batch('e', ['x-4.t1'], true, 1);
  return out;
}
