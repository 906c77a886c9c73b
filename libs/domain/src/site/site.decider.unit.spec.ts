import { makeCreditCode } from '../identity/test-ids';
import { DATONG_2022 } from '../policy/datong-2022.policy';
import { EnterpriseState, initialEnterpriseState } from '../enterprise/enterprise.decider';
import { goodStanding } from '../rules/enterprise-suspension.rule';
import { spec } from '../testing/decider-specification';
import {
  checkSitePublishable,
  decideCompleteSiteTranche,
  decidePublicizeSiteTranche,
  decideRecordSiteDisbursement,
  decideStartSiteTranche,
  decideSubmitSiteApplication,
  decideWithdrawSiteTranche,
  evolveSite,
  foldSite,
  initialSiteState,
  SubmitSiteApplicationCommand,
} from './site.decider';
import { SiteEvent } from './site.events';

const E = makeCreditCode(7101);
const decider = spec({ initial: initialSiteState, evolve: evolveSite });
const effective = { policy: DATONG_2022, policyVersion: 'datong-2022' };
const enterprise: EnterpriseState = {
  ...initialEnterpriseState(),
  registered: true,
  enterpriseId: E,
};
const standing = goodStanding(E);
/** R-SITE-COND: a good standing check before every tranche below. */
const goodCheck = {
  checkId: 'chk-1',
  checkedOn: '2023-01-01',
  normalOperation: true,
  badCreditRecord: false,
  source: '信用中国',
};
const checks = [goodCheck];
const suspended = { enterpriseId: E, suspendedByCaseIds: ['case-9'] };
const premises = { address: '大同市平城区 1 号', premisesKey: 'pk' };

const submit = (over: Partial<SubmitSiteApplicationCommand>): SubmitSiteApplicationCommand => ({
  siteId: 's1',
  enterpriseId: E,
  kind: 'lease',
  submittedOn: '2023-02-01',
  submittedBy: 'a-clerk',
  submittedByReviewer: false,
  premises,
  lease: { startsOn: '2023-01-01', endsOn: '2027-12-31' },
  ...over,
});
const submitted = (over: Partial<SubmitSiteApplicationCommand>): SiteEvent[] =>
  decideSubmitSiteApplication(initialSiteState(), enterprise, standing, submit(over), effective);
const leaseSubmitted = submitted({});
const renovationSubmitted = submitted({
  kind: 'renovation',
  lease: undefined,
  renovation: { investmentFen: 2_000_000_000, auditRef: 'AUD-1', completedOn: '2023-01-20' },
});
const purchaseSubmitted = submitted({
  kind: 'purchase',
  lease: undefined,
  purchase: { areaDm2: 500_100, purchasedOn: '2023-01-15', certificateRef: 'CERT-1' },
});

describe('site decider: submission (R-SITE-LEASE, R-SITE-RENO, R-SITE-BUY)', () => {
  it('given a 5-year lease, when applied for, then it is recorded with no amount yet (lease years are decided one by one)', () => {
    expect(leaseSubmitted).toEqual([
      {
        type: 'SiteApplicationSubmitted',
        data: {
          siteId: 's1',
          enterpriseId: E,
          kind: 'lease',
          submittedOn: '2023-02-01',
          submittedBy: 'a-clerk',
          reviewerIds: [],
          policyVersion: 'datong-2022',
          premises,
          lease: { startsOn: '2023-01-01', endsOn: '2027-12-31' },
        },
      },
    ]);
  });

  it('given a lease of 4 years 364 days, when applied for, then 422 R-SITE-LEASE and nothing is written', () => {
    decider
      .given([])
      .when((s) =>
        decideSubmitSiteApplication(
          s,
          enterprise,
          standing,
          submit({ lease: { startsOn: '2023-01-01', endsOn: '2027-12-30' } }),
          effective,
        ),
      )
      .thenThrows({ kind: 'rule', rule: 'R-SITE-LEASE' });
  });

  it('given a renovation of 20,000,000 yuan, when applied for, then the subsidy is capped at 5,000,000 yuan', () => {
    expect(renovationSubmitted[0].data).toMatchObject({
      kind: 'renovation',
      totalFen: 500_000_000,
    });
  });

  it('given a purchase of 5,001 m², when applied for, then 5,000 m² count and the five years add up to 2,500,000 yuan', () => {
    expect(purchaseSubmitted[0].data).toMatchObject({
      purchase: { areaDm2: 500_100, areaDm2Counted: 500_000 },
      totalFen: 250_000_000,
      yearFen: [75_000_000, 62_500_000, 37_500_000, 37_500_000, 37_500_000],
    });
  });

  it('given a reviewer submitting it, when recorded, then the reviewer may not approve it later (R-SOD)', () => {
    expect(submitted({ submittedBy: 'rita', submittedByReviewer: true })[0].data).toMatchObject({
      reviewerIds: ['rita'],
    });
  });

  it('given an enterprise suspended by a case, when it applies, then 423 naming R-FRAUD', () => {
    decider
      .given([])
      .when((s) => decideSubmitSiteApplication(s, enterprise, suspended, submit({}), effective))
      .thenThrows({ kind: 'suspended', rule: 'R-FRAUD', details: { suspendedBy: ['case-9'] } });
  });

  it('given an unknown enterprise, when it applies, then 404', () => {
    decider
      .given([])
      .when((s) =>
        decideSubmitSiteApplication(s, initialEnterpriseState(), standing, submit({}), effective),
      )
      .thenThrows({ kind: 'not_found' });
  });
});

describe('site decider: tranches', () => {
  it('given a lease from 2023-01-01, when year 1 is started on 2023-03-15, then the start names the lease year and 2,500 yuan a seat', () => {
    decider
      .given(leaseSubmitted)
      .when((s) =>
        decideStartSiteTranche(
          s,
          { year: 1, decidedOn: '2023-03-15', approvedBy: 'fay' },
          effective,
          standing,
          checks,
        ),
      )
      .then([
        {
          type: 'SiteTrancheApprovalStarted',
          data: {
            processId: 's1.y1',
            siteId: 's1',
            enterpriseId: E,
            kind: 'lease',
            trancheId: 's1.y1',
            year: 1,
            decidedOn: '2023-03-15',
            approvedBy: 'fay',
            policyVersion: 'datong-2022',
            standingCheckId: 'chk-1',
            leaseYearFrom: '2023-01-01',
            leaseYearTo: '2023-12-31',
            seatsCountedOn: '2023-03-15',
            perSeatFen: 250_000,
          },
        },
      ]);
  });

  it('given a started lease tranche, when 40 seats are counted, then it approves 40 × 2,500 yuan', () => {
    const start = decideStartSiteTranche(
      foldSite(leaseSubmitted),
      { year: 1, decidedOn: '2023-03-15', approvedBy: 'fay' },
      effective,
      standing,
      checks,
    );
    decider
      .given([...leaseSubmitted, ...start])
      .when((s) => decideCompleteSiteTranche(s, 's1.y1', { effectiveSeats: 40, seats: 40 }))
      .then([
        {
          type: 'SiteTrancheApproved',
          data: {
            processId: 's1.y1',
            siteId: 's1',
            enterpriseId: E,
            kind: 'lease',
            trancheId: 's1.y1',
            year: 1,
            decidedOn: '2023-03-15',
            policyVersion: 'datong-2022',
            amountFen: 10_000_000,
            effectiveSeats: 40,
            seats: 40,
            perSeatFen: 250_000,
          },
        },
      ]);
  });

  it('given a renovation, when its payment is started and completed, then it approves the capped total once; again is 422', () => {
    const start = decideStartSiteTranche(
      foldSite(renovationSubmitted),
      { decidedOn: '2023-03-01', approvedBy: 'fay' },
      effective,
      standing,
      checks,
    );
    expect(start[0].data).toMatchObject({ trancheId: 's1.r', amountFen: 500_000_000 });
    const done = decideCompleteSiteTranche(
      foldSite([...renovationSubmitted, ...start]),
      's1.r',
      undefined,
    );
    expect(done[0].data).toMatchObject({ amountFen: 500_000_000 });
    decider
      .given([...renovationSubmitted, ...start, ...done])
      .when((s) =>
        decideStartSiteTranche(
          s,
          { decidedOn: '2023-04-01', approvedBy: 'fay' },
          effective,
          standing,
          checks,
        ),
      )
      .thenThrows({ kind: 'rule', rule: 'R-SITE-RENO' });
  });

  it('given a purchase, when year 1 is started, then it asks 30 % of the total recorded at application', () => {
    decider
      .given(purchaseSubmitted)
      .when((s) =>
        decideStartSiteTranche(
          s,
          { year: 1, decidedOn: '2023-03-01', approvedBy: 'fay' },
          effective,
          standing,
          checks,
        ),
      )
      .then([
        {
          type: 'SiteTrancheApprovalStarted',
          data: {
            processId: 's1.y1',
            siteId: 's1',
            enterpriseId: E,
            kind: 'purchase',
            trancheId: 's1.y1',
            year: 1,
            decidedOn: '2023-03-01',
            approvedBy: 'fay',
            policyVersion: 'datong-2022',
            standingCheckId: 'chk-1',
            amountFen: 75_000_000,
          },
        },
      ]);
  });

  it('given a purchase, when year 2 is asked before year 1, then 422 R-SITE-BUY', () => {
    decider
      .given(purchaseSubmitted)
      .when((s) =>
        decideStartSiteTranche(
          s,
          { year: 2, decidedOn: '2024-03-01', approvedBy: 'fay' },
          effective,
          standing,
          checks,
        ),
      )
      .thenThrows({ kind: 'rule', rule: 'R-SITE-BUY' });
  });

  it('given a lease, when no year is named, then 400; a renovation with a year is 400', () => {
    decider
      .given(leaseSubmitted)
      .when((s) =>
        decideStartSiteTranche(
          s,
          { decidedOn: '2023-03-01', approvedBy: 'fay' },
          effective,
          standing,
          checks,
        ),
      )
      .thenThrows({ kind: 'invalid', details: { field: 'year' } });
    decider
      .given(renovationSubmitted)
      .when((s) =>
        decideStartSiteTranche(
          s,
          { year: 1, decidedOn: '2023-03-01', approvedBy: 'fay' },
          effective,
          standing,
          checks,
        ),
      )
      .thenThrows({ kind: 'invalid', details: { field: 'year' } });
  });

  it('given a suspended enterprise, when a tranche is started, then 423; given the submitting reviewer, then 403 R-SOD', () => {
    decider
      .given(leaseSubmitted)
      .when((s) =>
        decideStartSiteTranche(
          s,
          { year: 1, decidedOn: '2023-03-15', approvedBy: 'fay' },
          effective,
          suspended,
          checks,
        ),
      )
      .thenThrows({ kind: 'suspended', rule: 'R-FRAUD' });
    decider
      .given(submitted({ submittedBy: 'rita', submittedByReviewer: true }))
      .when((s) =>
        decideStartSiteTranche(
          s,
          { year: 1, decidedOn: '2023-03-15', approvedBy: 'rita' },
          effective,
          standing,
          checks,
        ),
      )
      .thenThrows({ kind: 'forbidden', rule: 'R-SOD' });
  });

  it('given a tranche still being approved, when another is started, then 409', () => {
    const start = decideStartSiteTranche(
      foldSite(leaseSubmitted),
      { year: 1, decidedOn: '2023-03-15', approvedBy: 'fay' },
      effective,
      standing,
      checks,
    );
    decider
      .given([...leaseSubmitted, ...start])
      .when((s) =>
        decideStartSiteTranche(
          s,
          { year: 2, decidedOn: '2024-03-15', approvedBy: 'fay' },
          effective,
          standing,
          checks,
        ),
      )
      .thenThrows({ kind: 'conflict' });
  });
});

describe('site decider: conditions for all site subsidies (R-SITE-COND)', () => {
  const start = (events: SiteEvent[], standingChecks: typeof checks, decidedOn = '2023-03-15') =>
    decider
      .given(events)
      .when((s) =>
        decideStartSiteTranche(
          s,
          { year: 1, decidedOn, approvedBy: 'fay' },
          effective,
          standing,
          standingChecks,
        ),
      );

  it('given no standing check, when a lease, renovation or purchase tranche is started, then 422 R-SITE-COND and nothing is written', () => {
    start(leaseSubmitted, []).thenThrows({ kind: 'rule', rule: 'R-SITE-COND' });
    start(purchaseSubmitted, []).thenThrows({ kind: 'rule', rule: 'R-SITE-COND' });
    decider
      .given(renovationSubmitted)
      .when((s) =>
        decideStartSiteTranche(
          s,
          { decidedOn: '2023-03-01', approvedBy: 'fay' },
          effective,
          standing,
          [],
        ),
      )
      .thenThrows({ kind: 'rule', rule: 'R-SITE-COND' });
  });

  it('given a good check dated after the decision, when the tranche is started, then 422 R-SITE-COND (no check on or before its date)', () => {
    start(leaseSubmitted, [{ ...goodCheck, checkedOn: '2023-03-16' }]).thenThrows({
      kind: 'rule',
      rule: 'R-SITE-COND',
      message: /no standing check of the enterprise on or before 2023-03-15/,
    });
  });

  it('given the latest check showing a bad credit record, when the tranche is started, then 422 R-SITE-COND; a later good check lets the next decision through, naming it', () => {
    const bad = { ...goodCheck, checkId: 'chk-2', checkedOn: '2023-03-01', badCreditRecord: true };
    start(leaseSubmitted, [goodCheck, bad]).thenThrows({
      kind: 'rule',
      rule: 'R-SITE-COND',
      message: /a bad credit record/,
    });
    const cleared = { ...goodCheck, checkId: 'chk-3', checkedOn: '2023-03-20' };
    const events = decideStartSiteTranche(
      foldSite(leaseSubmitted),
      { year: 1, decidedOn: '2023-03-25', approvedBy: 'fay' },
      effective,
      standing,
      [goodCheck, bad, cleared],
    );
    expect(events[0].data).toMatchObject({ standingCheckId: 'chk-3' });
  });

  it('given an enterprise not in normal operation, when a tranche is started, then 422 R-SITE-COND', () => {
    start(leaseSubmitted, [{ ...goodCheck, normalOperation: false }]).thenThrows({
      kind: 'rule',
      rule: 'R-SITE-COND',
      message: /not in normal operation/,
    });
  });
});

describe('site decider: a lease filed in a later lease year (R-SITE-LEASE)', () => {
  const lateLease = submitted({
    submittedOn: '2023-02-01',
    lease: { startsOn: '2021-01-01', endsOn: '2025-12-31' },
  });
  const startYear = (events: SiteEvent[], year: number, decidedOn: string) =>
    decideStartSiteTranche(
      foldSite(events),
      { year, decidedOn, approvedBy: 'fay' },
      effective,
      standing,
      checks,
    );
  const approve = (events: SiteEvent[], year: number, decidedOn: string, seats: number) => {
    const started = startYear(events, year, decidedOn);
    const done = decideCompleteSiteTranche(foldSite([...events, ...started]), `s1.y${year}`, {
      effectiveSeats: seats,
      seats,
    });
    return [...events, ...started, ...done];
  };

  it('given a lease from 2021-01-01 filed in its third year, when year 1 is started on 2023-02-10, then it pays year 1 counted on its last day (2021-12-31)', () => {
    expect(startYear(lateLease, 1, '2023-02-10')[0].data).toMatchObject({
      trancheId: 's1.y1',
      year: 1,
      decidedOn: '2023-02-10',
      leaseYearFrom: '2021-01-01',
      leaseYearTo: '2021-12-31',
      seatsCountedOn: '2021-12-31',
      perSeatFen: 250_000,
    });
  });

  it('given year 3 approved first, when years 1, 2, 5 and 4 follow in that order, then each is approved once and a repeat is 422 R-SITE-LEASE', () => {
    let events = approve(lateLease, 3, '2023-02-10', 10);
    for (const [year, decidedOn] of [
      [1, '2023-02-11'],
      [2, '2023-02-12'],
      [5, '2025-01-05'],
      [4, '2025-01-06'],
    ] as const) {
      events = approve(events, year, decidedOn, 10);
    }
    expect([...foldSite(events).tranches.values()].map((t) => [t.year, t.amountFen])).toEqual([
      [3, 2_500_000],
      [1, 2_500_000],
      [2, 2_500_000],
      [5, 1_250_000],
      [4, 1_250_000],
    ]);
    decider
      .given(events)
      .when((s) =>
        decideStartSiteTranche(
          s,
          { year: 2, decidedOn: '2025-02-01', approvedBy: 'fay' },
          effective,
          standing,
          checks,
        ),
      )
      .thenThrows({ kind: 'rule', rule: 'R-SITE-LEASE', message: /already approved/ });
  });

  it('given a lease filed in its third year, when year 4 is asked before it begins, then 422 R-SITE-LEASE', () => {
    decider
      .given(lateLease)
      .when((s) =>
        decideStartSiteTranche(
          s,
          { year: 4, decidedOn: '2023-02-10', approvedBy: 'fay' },
          effective,
          standing,
          checks,
        ),
      )
      .thenThrows({ kind: 'rule', rule: 'R-SITE-LEASE', message: /begins on 2024-01-01/ });
  });
});

describe('site decider: publicity and payment (R-PUB, R-PAY)', () => {
  const start = decideStartSiteTranche(
    foldSite(renovationSubmitted),
    { decidedOn: '2023-03-01', approvedBy: 'fay' },
    effective,
    standing,
    checks,
  );
  const approved = [
    ...renovationSubmitted,
    ...start,
    ...decideCompleteSiteTranche(foldSite([...renovationSubmitted, ...start]), 's1.r', undefined),
  ];
  const publicized = decidePublicizeSiteTranche(foldSite(approved), {
    trancheId: 's1.r',
    publicityId: 'pub-1',
    startsOn: '2023-03-02',
    endsOn: '2023-03-08',
  });
  const publicity = (over = {}) => ({
    publicityId: 'pub-1',
    startsOn: '2023-03-02',
    endsOn: '2023-03-08',
    openObjections: 0,
    upheldObjectionsOnTheList: 0,
    ...over,
  });
  const pay = (over = {}) => ({
    disbursementId: 'd1',
    trancheId: 's1.r',
    paidOn: '2023-03-09',
    amountFen: 500_000_000,
    bankRef: 'B-1',
    paidBy: 'fay',
    ...over,
  });

  it('given an approved tranche, when put on a notice, then it is linked once; a second notice is 409', () => {
    expect(checkSitePublishable(foldSite(approved), 's1.r', '2023-03-02').trancheId).toBe('s1.r');
    decider
      .given([...approved, ...publicized])
      .when((s) => {
        checkSitePublishable(s, 's1.r', '2023-03-10');
        return [];
      })
      .thenThrows({ kind: 'conflict' });
  });

  it('given a notice ending 2023-03-08, when paid on 2023-03-08, then 422 R-DATE (the notice has not ended); on 2023-03-09, the payment is recorded', () => {
    decider
      .given([...approved, ...publicized])
      .when((s) =>
        decideRecordSiteDisbursement(s, pay({ paidOn: '2023-03-08' }), publicity(), standing),
      )
      .thenThrows({ kind: 'rule', rule: 'R-DATE' });
    decider
      .given([...approved, ...publicized])
      .when((s) => decideRecordSiteDisbursement(s, pay(), publicity(), standing))
      .then([
        {
          type: 'SiteTrancheDisbursed',
          data: {
            siteId: 's1',
            enterpriseId: E,
            kind: 'renovation',
            trancheId: 's1.r',
            disbursementId: 'd1',
            paidOn: '2023-03-09',
            amountFen: 500_000_000,
            bankRef: 'B-1',
            paidBy: 'fay',
          },
        },
      ]);
  });

  it('given a published tranche, when the amount differs by a fen, then 422 R-PAY; when suspended, 423', () => {
    decider
      .given([...approved, ...publicized])
      .when((s) =>
        decideRecordSiteDisbursement(s, pay({ amountFen: 499_999_999 }), publicity(), standing),
      )
      .thenThrows({ kind: 'rule', rule: 'R-PAY' });
    decider
      .given([...approved, ...publicized])
      .when((s) => decideRecordSiteDisbursement(s, pay(), publicity(), suspended))
      .thenThrows({ kind: 'suspended', rule: 'R-FRAUD' });
  });

  it('given a paid tranche, when paid again, then 409; an upheld objection no longer withdraws it', () => {
    const paid = decideRecordSiteDisbursement(
      foldSite([...approved, ...publicized]),
      pay(),
      publicity(),
      standing,
    );
    decider
      .given([...approved, ...publicized, ...paid])
      .when((s) =>
        decideRecordSiteDisbursement(s, pay({ disbursementId: 'd2' }), publicity(), standing),
      )
      .thenThrows({ kind: 'conflict' });
    decider
      .given([...approved, ...publicized, ...paid])
      .when((s) =>
        decideWithdrawSiteTranche(s, {
          trancheId: 's1.r',
          withdrawnOn: '2023-03-10',
          objectionId: 'o1',
          publicityId: 'pub-1',
        }),
      )
      .thenNothing();
  });

  it('given an unpaid published tranche, when an objection against it is upheld, then it pays nothing and cannot be paid', () => {
    const withdrawn = decideWithdrawSiteTranche(foldSite([...approved, ...publicized]), {
      trancheId: 's1.r',
      withdrawnOn: '2023-03-05',
      objectionId: 'o1',
      publicityId: 'pub-1',
    });
    expect(withdrawn[0]).toMatchObject({
      type: 'SiteTrancheWithdrawn',
      data: { amountFen: 500_000_000 },
    });
    decider
      .given([...approved, ...publicized, ...withdrawn])
      .when((s) => decideRecordSiteDisbursement(s, pay(), publicity(), standing))
      .thenThrows({ kind: 'rule', rule: 'R-PAY' });
  });
});
