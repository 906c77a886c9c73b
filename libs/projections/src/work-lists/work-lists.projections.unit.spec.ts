import Database from 'better-sqlite3';
import { LedgerError } from '@ledger/domain';
import { WorkListQueries } from '../queries/work-lists.query';
import { SqliteReadModelFetcher } from '../sqlite/sqlite-read-model.fetcher';
import { SqliteReadModels } from '../sqlite/sqlite-read-model.store';
import { workListHistory } from '../testing/work-list-history.fixture';
import { HELD_NOTICE_TERM, publicityListProjection } from './notice-and-case-list.projection';
import { decodeCursor, encodeCursor } from '../queries/work-list-page';
import { listEntryId, listIndexCollection, listTerm, listTermsOf } from '../read-model';
import { documentSpecification } from '../testing/projection-specification';
import { ledgerEvent, recorded } from '../testing/ledger-events.fixture';
import { seatApplicationListProjection } from './application-list.projection';
import { trancheListEntries, trancheListProjection } from './tranche-list.projection';

const E = '91140200MA0000001X';
const app = 'sa-1';
const t1 = `${app}.t1`;

const approved = recorded(
  ledgerEvent('TrancheApproved', {
    processId: t1,
    applicationId: app,
    enterpriseId: E,
    trancheId: t1,
    tranche: 1,
    decidedOn: '2023-03-06',
    policyVersion: 'datong-2022',
    amountFen: 500_000,
    included: [],
    refused: [],
  }),
  { position: 10 },
);
const publicized = recorded(
  ledgerEvent('TranchePublicized', {
    applicationId: app,
    trancheId: t1,
    publicityId: 'pub-1',
    startsOn: '2023-03-07',
    endsOn: '2023-03-13',
  }),
  { position: 12 },
);
const withdrawn = (amountFen: number, position: number) =>
  recorded(
    ledgerEvent('ClaimWithdrawnFromTranche', {
      applicationId: app,
      enterpriseId: E,
      trancheId: t1,
      claimId: `${app}.c1`,
      personKey: 'k',
      reservationId: 'r',
      amountFen,
      withdrawnOn: '2023-03-10',
      cause: { kind: 'objection', id: 'o-1', publicityId: 'pub-1' },
    }),
    { position },
  );
const paid = recorded(
  ledgerEvent('TrancheDisbursed', {
    applicationId: app,
    enterpriseId: E,
    trancheId: t1,
    disbursementId: 'dis-1',
    paidOn: '2023-03-20',
    amountFen: 250_000,
    bankRef: 'B-1',
    paidBy: 'fay',
  }),
  { position: 14 },
);

describe('tranche list projection (issue #13)', () => {
  const spec = documentSpecification(trancheListProjection);

  it('given nothing, when a seat tranche is approved, then it is listed approved at that position under every combination of its filters', () => {
    const ops = spec.given().when(approved).operations();
    expect(ops[0]).toMatchObject({
      kind: 'put',
      collection: 'work_list_tranche',
      id: t1,
      doc: { status: 'approved', programme: 'seat', enterpriseId: E, amountFen: 500_000 },
    });
    const entries = ops.slice(1).map((o) => `${o.kind} ${'collection' in o ? o.collection : ''}`);
    expect(entries).toHaveLength(8);
    expect(entries).toContain(`put ${listIndexCollection('work_list_tranche', '')}`);
    expect(entries).toContain(
      `put work_list_tranche~enterpriseId=${E}&programme=seat&status=approved`,
    );
  });

  it('given an approved tranche, when it goes on a notice, then only its status entries move, and those are ordered by the notice end', () => {
    const ops = spec.given(approved).when(publicized).operations();
    const moved = ops.filter((o) => o.kind !== 'put' || o.collection !== 'work_list_tranche');
    // Four terms name the status: each is deleted once and written once; the other four stay.
    expect(moved.filter((o) => o.kind === 'delete')).toHaveLength(4);
    expect(moved.filter((o) => o.kind === 'put')).toHaveLength(4);
    expect(moved).toContainEqual({
      kind: 'put',
      collection: 'work_list_tranche~status=published',
      id: listEntryId('2023-03-13|0000000000000010', t1),
      doc: { id: t1 },
    });
  });

  it('given a tranche on a notice, when every claim of it is withdrawn, then it is cancelled', () => {
    spec
      .given(approved, publicized, withdrawn(250_000, 13))
      .when(withdrawn(250_000, 14))
      .thenDocument(t1, expect.objectContaining({ amountFen: 0, status: 'cancelled' }));
  });

  it('given a tranche with one claim withdrawn, when it is paid, then it is paid with the bank reference', () => {
    spec
      .given(approved, publicized, withdrawn(250_000, 13))
      .when(paid)
      .thenDocument(
        t1,
        expect.objectContaining({
          status: 'paid',
          amountFen: 250_000,
          paidOn: '2023-03-20',
          bankRef: 'B-1',
          disbursementId: 'dis-1',
          publicity: { noticeId: 'pub-1', startsOn: '2023-03-07', endsOn: '2023-03-13' },
        }),
      );
  });

  it('given a school tranche, when its entries are listed, then no enterprise term is among them', () => {
    const terms = trancheListEntries({
      trancheId: 'ia.i1',
      applicationId: 'ia',
      programme: 'internship',
      tranche: 1,
      enterpriseId: null,
      schoolId: 'S',
      amountFen: 1,
      status: 'approved',
      approvedOn: '2023-01-01',
      publicity: null,
      paidOn: null,
      bankRef: null,
      disbursementId: null,
      foundFalse: false,
      listedAt: 3,
    }).map((e) => e.term);
    expect(terms.sort()).toEqual(
      listTermsOf({ status: 'approved', programme: 'internship', schoolId: 'S' }).sort(),
    );
    expect(terms.some((t) => t.includes('enterpriseId'))).toBe(false);
  });
});

describe('seat application list projection (issue #13)', () => {
  const spec = documentSpecification(seatApplicationListProjection);
  const submitted = recorded(
    ledgerEvent('SeatApplicationSubmitted', {
      processId: app,
      applicationId: app,
      enterpriseId: E,
      submittedOn: '2023-03-01',
      policyVersion: 'datong-2022',
      claims: [],
    }),
    { position: 5 },
  );
  const reviewed = recorded(
    ledgerEvent('ApplicationReviewed', {
      processId: 'p',
      applicationId: app,
      reviewedBy: 'rita',
      decidedOn: '2023-03-05',
      decisions: [],
    }),
    { position: 6 },
  );

  it('given a submitted application, when it is reviewed, then it is reviewed', () => {
    spec
      .given(submitted)
      .when(reviewed)
      .thenDocument(app, expect.objectContaining({ status: 'reviewed', reviewedOn: '2023-03-05' }));
  });

  it('given a reviewed application with tranche 1, when it is paid, then it is partly paid', () => {
    spec
      .given(submitted, reviewed, approved)
      .when(paid)
      .thenDocument(
        app,
        expect.objectContaining({ status: 'partly-paid', tranchesPaid: [1], paidFen: 250_000 }),
      );
  });
});

describe('work-list cursors (issue #13)', () => {
  const index = 'work_list_case~status=open';

  it('given a cursor a page gave, when it is read back with the same list and filters, then it names the same entry', () => {
    const entry = listEntryId('0000000000000042', 'case-1');
    expect(decodeCursor(encodeCursor(index, entry), index)).toBe(entry);
  });

  it.each([
    ['another filter', encodeCursor('work_list_case~status=closed', '1\tx')],
    ['no tab', encodeCursor(index, 'x')],
    ['not base64url', 'a+b/'],
    ['not canonical', `${encodeCursor(index, '1\tx')}A`],
    ['not JSON', Buffer.from('{').toString('base64url')],
  ])('given a cursor with %s, when it is read, then it is 400 naming the cursor', (_why, c) => {
    expect(() => decodeCursor(c, index)).toThrow(LedgerError);
    expect(() => decodeCursor(c, index)).toThrow(/cursor/);
  });

  it('given filters in any order, when named, then the term is the same', () => {
    expect(listTerm({ status: 'open', enterpriseId: 'E 1' })).toBe(
      listTerm({ enterpriseId: 'E 1', status: 'open', schoolId: undefined }),
    );
    expect(listTerm({ enterpriseId: 'a:b' })).toBe('enterpriseId=a%3Ab');
  });
});

describe('tranche list projection: the bank cycle (issue #14)', () => {
  const spec = documentSpecification(trancheListProjection);
  const B = 'aaaaaaaaaaaaaaaaaaaaaaaa';
  const batched = recorded(
    ledgerEvent('TrancheBatched', { trancheId: t1, batchId: B, itemId: `${B}-1` }),
    { position: 15 },
  );
  const fullyPaid = recorded(
    ledgerEvent('TrancheDisbursed', {
      applicationId: app,
      enterpriseId: E,
      trancheId: t1,
      disbursementId: `${B}-1`,
      paidOn: '2023-03-20',
      amountFen: 500_000,
      bankRef: 'B-1',
      paidBy: 'fay',
    }),
    { position: 16 },
  );
  const returned = recorded(
    ledgerEvent('DisbursementReturned', {
      applicationId: app,
      enterpriseId: E,
      trancheId: t1,
      disbursementId: `${B}-1`,
      amountFen: 500_000,
      returnedOn: '2023-03-22',
      bankRef: 'R-1',
      reason: '账户已销户',
      returnedBy: 'fay',
    }),
    { position: 17 },
  );
  const released = recorded(
    ledgerEvent('TrancheBatchReleased', {
      trancheId: t1,
      batchId: B,
      itemId: `${B}-1`,
      reason: 'returned',
    }),
    { position: 18 },
  );
  const terms = (doc: object) =>
    trancheListEntries(doc as Parameters<typeof trancheListEntries>[0]).map((e) => e.term);

  it('given a published tranche, when a batch claims it, then it is in-batch, not published', () => {
    spec
      .given(approved, publicized)
      .when(batched)
      .thenDocument(
        t1,
        expect.objectContaining({ status: 'in-batch', batch: { batchId: B, itemId: `${B}-1` } }),
      );
  });

  it('given a batch payment, when it is returned, then the tranche is unpaid, still in its batch until released, and listed as returned', () => {
    const ops = spec.given(approved, publicized, batched, fullyPaid).when(returned).operations();
    const doc = (ops[0] as { doc: object }).doc;
    expect(doc).toMatchObject({
      status: 'in-batch',
      paidOn: null,
      disbursementId: null,
      lastReturn: { disbursementId: `${B}-1`, returnedOn: '2023-03-22', bankRef: 'R-1' },
    });
    expect(terms(doc)).toContain(listTerm({ status: 'returned' }));
    expect(terms(doc)).toContain(listTerm({ status: 'returned', enterpriseId: E }));
  });

  it('given a returned tranche, when its batch claim is released, then it is published (payable once the notice ended) and still returned', () => {
    spec
      .given(approved, publicized, batched, fullyPaid, returned)
      .when(released)
      .thenDocument(t1, expect.objectContaining({ status: 'published', batch: null }));
  });

  it('given a returned tranche, when it is paid again, then it is paid and no longer listed as returned', () => {
    const again = recorded(
      ledgerEvent('TrancheDisbursed', {
        applicationId: app,
        enterpriseId: E,
        trancheId: t1,
        disbursementId: 'dis-2',
        paidOn: '2023-03-25',
        amountFen: 500_000,
        bankRef: 'B-2',
        paidBy: 'fay',
      }),
      { position: 19 },
    );
    const ops = spec
      .given(approved, publicized, batched, fullyPaid, returned, released)
      .when(again)
      .operations();
    const doc = (ops[0] as { doc: object }).doc;
    expect(doc).toMatchObject({ status: 'paid', disbursementId: 'dis-2' });
    expect(terms(doc).some((t) => t.includes('status=returned'))).toBe(false);
  });
});

describe('notice list: the held index (issue #13, payable p99)', () => {
  const spec = documentSpecification(publicityListProjection);
  const opened = recorded(
    ledgerEvent('PublicityOpened', {
      processId: 'pub-1',
      publicityId: 'pub-1',
      startsOn: '2023-03-07',
      endsOn: '2023-03-13',
      policyVersion: 'datong-2022',
      tranches: [{ trancheId: t1, applicationId: app, enterpriseId: E, programme: 'seat' }],
      entries: [],
    }),
    { position: 11, stream: 'publicity-pub-1' },
  );
  const raised = recorded(
    ledgerEvent('ObjectionRaised', {
      publicityId: 'pub-1',
      objectionId: 'o-1',
      raisedOn: '2023-03-08',
      text: '举报',
    }),
    { position: 13, stream: 'publicity-pub-1' },
  );
  const dismissed = recorded(
    ledgerEvent('ObjectionResolved', {
      processId: 'o-1',
      publicityId: 'pub-1',
      objectionId: 'o-1',
      resolvedOn: '2023-03-09',
      upheld: false,
      reason: '不属实',
    }),
    { position: 14, stream: 'publicity-pub-1' },
  );
  const heldIndex = listIndexCollection('work_list_publicity', HELD_NOTICE_TERM);
  const entry = listEntryId('2023-03-13|0000000000000011', 'pub-1');

  it('given an open notice, when an objection is raised, then the notice is listed as held by its last day; dismissed, it leaves that list', () => {
    expect(spec.given(opened).when(raised).operations()).toContainEqual({
      kind: 'put',
      collection: heldIndex,
      id: entry,
      doc: { id: 'pub-1' },
    });
    expect(spec.given(opened, raised).when(dismissed).operations()).toContainEqual({
      kind: 'delete',
      collection: heldIndex,
      id: entry,
    });
  });

  it('given payable tranches whose notices no objection holds, when a page is read, then no notice document is read; one held notice is the only one read', async () => {
    const db = new Database(':memory:');
    try {
      const events = [
        ...workListHistory({ enterprises: 12, applicationsPerEnterprise: 5, schools: 0 }),
      ];
      const models = new SqliteReadModels(db);
      models.applyEvents(events);
      const read: string[] = [];
      const base = new SqliteReadModelFetcher(db);
      const fetcher = Object.assign(Object.create(base) as SqliteReadModelFetcher, {
        documents: <D extends object>(collection: string, ids: readonly string[]) => {
          if (collection === 'work_list_publicity') read.push(...ids);
          return base.documents<D>(collection, ids);
        },
      });
      const lists = new WorkListQueries(fetcher);
      const payable = await lists.tranches({ limit: 50, status: 'payable', asOf: '2023-03-20' });
      expect(payable.items.length).toBeGreaterThan(5);
      expect(read).toEqual([]);

      const first = payable.items[0];
      models.applyEvents([
        recorded(
          ledgerEvent('ObjectionRaised', {
            publicityId: first.publicity!.noticeId,
            objectionId: 'o-9',
            raisedOn: first.publicity!.startsOn,
            text: '举报',
          }),
          { position: events[events.length - 1].position + 1 },
        ),
      ]);
      const after = await lists.tranches({ limit: 50, status: 'payable', asOf: '2023-03-20' });
      expect(after.items.map((t) => t.trancheId)).not.toContain(first.trancheId);
      expect(after.items.map((t) => t.trancheId)).toContain(payable.items[1].trancheId);
      expect(read).toEqual([first.publicity!.noticeId]);
    } finally {
      db.close();
    }
  });
});
