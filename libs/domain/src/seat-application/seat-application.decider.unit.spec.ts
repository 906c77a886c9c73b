import {
  EnterpriseState,
  evolveEnterprise,
  initialEnterpriseState,
} from '../enterprise/enterprise.decider';
import { EnterpriseEvent } from '../enterprise/enterprise.events';
import { maskResidentId } from '../identity/resident-id';
import { makeCreditCode, makeResidentId } from '../identity/test-ids';
import { ReservationOutcome, StepOutcome } from '../person/person.decider';
import { DATONG_2022 } from '../policy/datong-2022.policy';
import { goodStanding } from '../rules/enterprise-suspension.rule';
import { PublicityForPayment } from '../rules/payment-after-publicity.rule';
import { addMonths, BusinessDate, Month } from '../shared/business-date';
import { Fen } from '../shared/money';
import { spec } from '../testing/decider-specification';
import {
  checkFalseClaim,
  checkPublishable,
  decideCompleteSubmission,
  decideFindClaimFalse,
  falseClaimOutcome,
  decideCompleteTrancheApproval,
  decidePublicizeTranche,
  decideRecordDisbursement,
  decideReviewApplication,
  decideStartTrancheApproval,
  decideSubmitSeatApplication,
  decideWithdrawClaim,
  RecordDisbursementCommand,
  SubmitSeatApplicationCommand,
} from './seat-application.decider';
import { RefusedClaim, SeatApplicationEvent, SubmittedClaim } from './seat-application.events';
import {
  evolveSeatApplication,
  foldSeatApplication,
  initialSeatApplicationState,
} from './seat-application.state';

const application = spec({ initial: initialSeatApplicationState, evolve: evolveSeatApplication });

// ---------------------------------------------------------------- fixtures

const APP = 'app-1';
const ENT = makeCreditCode(7);
const REVIEWER = 'rev-1';
const FINANCE = 'fin-1';
const TRANCHE = 250_000;
/** No case suspends the enterprise (R-FRAUD). */
const GOOD = goodStanding(ENT);

/** `count` consecutive months ending with `last`. */
function monthsEndingWith(last: Month, count: number): Month[] {
  return Array.from({ length: count }, (_, i) =>
    addMonths(`${last}-01`, i - count + 1).slice(0, 7),
  );
}

const people = [1, 2, 3].map((n) => {
  const personId = makeResidentId('140202', '19900101', 10 + n);
  return {
    personKey: `pk-${n}`,
    personId,
    personIdMasked: maskResidentId(personId),
    name: ['张三', '李四', '王五'][n - 1],
  };
});

function enterpriseWith(seats: number): EnterpriseState {
  const registered: EnterpriseEvent = {
    type: 'EnterpriseRegistered',
    data: {
      enterpriseId: ENT,
      name: '大同标注科技',
      industry: 'annotation',
      seats,
      registeredOn: '2023-01-05',
    },
  };
  return evolveEnterprise(initialEnterpriseState(), registered);
}

/** One claim per list of qualifying months, wages and insurance alike. */
function submitted(
  claimMonths: Month[][],
  submittedOn: BusinessDate = '2023-03-10',
): SeatApplicationEvent {
  const claims: SubmittedClaim[] = claimMonths.map((months, i) => ({
    claimId: `${APP}.c${i + 1}`,
    ...people[i],
    wageMonths: months,
    insuranceMonths: months,
    months,
  }));
  return {
    type: 'SeatApplicationSubmitted',
    data: {
      processId: APP,
      applicationId: APP,
      enterpriseId: ENT,
      submittedOn,
      policyVersion: 'datong-2022',
      claims,
    },
  };
}

function checked(firstTrancheMonths: number, claimCount: number): SeatApplicationEvent {
  return {
    type: 'SeatApplicationChecked',
    data: {
      processId: APP,
      applicationId: APP,
      ordinal: firstTrancheMonths === 2 ? 1 : 2,
      firstTrancheMonths,
      results: Array.from({ length: claimCount }, (_, i) => ({
        claimId: `${APP}.c${i + 1}`,
        status: 'submitted',
      })),
    },
  };
}

function reviewedAllApproved(
  claimCount: number,
  decidedOn: BusinessDate = '2023-03-20',
): SeatApplicationEvent {
  return {
    type: 'ApplicationReviewed',
    data: {
      processId: `${APP}.review-1`,
      applicationId: APP,
      reviewedBy: REVIEWER,
      decidedOn,
      decisions: Array.from({ length: claimCount }, (_, i) => ({
        claimId: `${APP}.c${i + 1}`,
        approve: true,
      })),
    },
  };
}

/** Submitted, checked with first-tranche months `m1`, every claim approved by REVIEWER. */
function approvedApplication(
  claimMonths: Month[][],
  m1: number,
  submittedOn: BusinessDate = '2023-03-10',
): SeatApplicationEvent[] {
  return [
    submitted(claimMonths, submittedOn),
    checked(m1, claimMonths.length),
    reviewedAllApproved(claimMonths.length, submittedOn),
  ];
}

const tid = (k: number) => `${APP}.t${k}`;
const cid = (n: number) => `${APP}.c${n}`;
const rid = (k: number, n: number) => `${tid(k)}:${cid(n)}`;

function trancheStarted(
  k: number,
  decidedOn: BusinessDate,
  claims: number[],
  refused: RefusedClaim[] = [],
): SeatApplicationEvent {
  return {
    type: 'TrancheApprovalStarted',
    data: {
      processId: tid(k),
      applicationId: APP,
      enterpriseId: ENT,
      trancheId: tid(k),
      tranche: k,
      decidedOn,
      approvedBy: FINANCE,
      policyVersion: 'datong-2022',
      candidates: claims.map((n) => ({
        claimId: cid(n),
        personKey: `pk-${n}`,
        requestedFen: TRANCHE,
      })),
      refused,
    },
  };
}

function trancheApproved(
  k: number,
  decidedOn: BusinessDate,
  included: [number, Fen][],
  refused: RefusedClaim[] = [],
): SeatApplicationEvent {
  return {
    type: 'TrancheApproved',
    data: {
      processId: tid(k),
      applicationId: APP,
      enterpriseId: ENT,
      trancheId: tid(k),
      tranche: k,
      decidedOn,
      policyVersion: 'datong-2022',
      amountFen: included.reduce((sum, [, amount]) => sum + amount, 0),
      included: included.map(([n, amountFen]) => ({
        claimId: cid(n),
        personKey: `pk-${n}`,
        reservationId: rid(k, n),
        amountFen,
      })),
      refused,
    },
  };
}

/** Tranche k started and approved on `decidedOn`, paying 2,500 yuan to each of `claims`. */
const tranche = (k: number, decidedOn: BusinessDate, claims: number[]): SeatApplicationEvent[] => [
  trancheStarted(k, decidedOn, claims),
  trancheApproved(
    k,
    decidedOn,
    claims.map((n): [number, Fen] => [n, TRANCHE]),
  ),
];

function publicized(k: number, startsOn: BusinessDate, endsOn: BusinessDate): SeatApplicationEvent {
  return {
    type: 'TranchePublicized',
    data: { applicationId: APP, trancheId: tid(k), publicityId: `pub-${k}`, startsOn, endsOn },
  };
}

function withdrawn(k: number, n: number, amountFen: Fen = TRANCHE): SeatApplicationEvent {
  return {
    type: 'ClaimWithdrawnFromTranche',
    data: {
      applicationId: APP,
      enterpriseId: ENT,
      trancheId: tid(k),
      claimId: cid(n),
      personKey: `pk-${n}`,
      reservationId: rid(k, n),
      amountFen,
      withdrawnOn: '2023-04-05',
      cause: { kind: 'objection', id: 'obj-1', publicityId: `pub-${k}` },
    },
  };
}

function notice(
  k: number,
  startsOn: BusinessDate,
  endsOn: BusinessDate,
  blocked: Partial<PublicityForPayment> = {},
): PublicityForPayment {
  return {
    publicityId: `pub-${k}`,
    startsOn,
    endsOn,
    openObjections: 0,
    upheldObjectionsOnTheList: 0,
    ...blocked,
  };
}

function disbursed(k: number, cmd: RecordDisbursementCommand): SeatApplicationEvent {
  return {
    type: 'TrancheDisbursed',
    data: { applicationId: APP, enterpriseId: ENT, ...cmd, trancheId: tid(k) },
  };
}

const EIGHT_MONTHS = monthsEndingWith('2023-02', 8); // 2022-07 .. 2023-02
const TWO_MONTHS = monthsEndingWith('2023-02', 2); // 2023-01 .. 2023-02
const LONG = monthsEndingWith('2023-02', 30); // enough for every tranche

// ---------------------------------------------------------------- tests

describe('seat-application decider', () => {
  describe('SubmitSeatApplication', () => {
    const claim = (i: number, wageMonths: Month[], insuranceMonths: Month[] = wageMonths) => ({
      ...people[i],
      wageMonths,
      insuranceMonths,
    });
    const cmd: SubmitSeatApplicationCommand = {
      applicationId: APP,
      enterpriseId: ENT,
      submittedOn: '2023-03-10',
      claims: [
        claim(0, ['2023-01', '2023-02', '2023-03'], ['2023-02', '2023-03']),
        claim(1, TWO_MONTHS),
      ],
    };

    it('given an enterprise with 200 seats, when it submits, then the claims are recorded with their qualifying months (a wage month without insurance does not count)', () => {
      application
        .given([])
        .when((s) => decideSubmitSeatApplication(s, enterpriseWith(200), cmd, DATONG_2022))
        .then([
          {
            type: 'SeatApplicationSubmitted',
            data: {
              processId: APP,
              applicationId: APP,
              enterpriseId: ENT,
              submittedOn: '2023-03-10',
              policyVersion: 'datong-2022',
              claims: [
                { claimId: cid(1), ...cmd.claims[0], months: ['2023-02', '2023-03'] },
                { claimId: cid(2), ...cmd.claims[1], months: TWO_MONTHS },
              ],
            },
          },
        ]);
    });

    it('given an enterprise with 199 seats, when it submits, then it is refused naming R-SEAT-1 and nothing is written', () => {
      application
        .given([])
        .when((s) => decideSubmitSeatApplication(s, enterpriseWith(199), cmd, DATONG_2022))
        .thenThrows({ kind: 'rule', rule: 'R-SEAT-1' });
    });

    it('given a submission on 2023-03-10, when a claim names wages for 2023-04, then it is refused naming R-SEAT-2', () => {
      const late = { ...cmd, claims: [claim(0, ['2023-03', '2023-04'], ['2023-03'])] };
      application
        .given([])
        .when((s) => decideSubmitSeatApplication(s, enterpriseWith(240), late, DATONG_2022))
        .thenThrows({ kind: 'rule', rule: 'R-SEAT-2', details: { field: 'claims.0' } });
    });

    it('given a submission on 2023-03-10, when a claim names insurance for 2023-04, then it is refused naming R-SEAT-2', () => {
      const late = { ...cmd, claims: [claim(0, ['2023-03'], ['2023-03', '2023-04'])] };
      application
        .given([])
        .when((s) => decideSubmitSeatApplication(s, enterpriseWith(240), late, DATONG_2022))
        .thenThrows({ kind: 'rule', rule: 'R-SEAT-2' });
    });

    it('given one application, when the same person is claimed twice in it, then it is refused naming R-SEAT-6', () => {
      const twice = { ...cmd, claims: [claim(0, TWO_MONTHS), { ...claim(0, ['2022-12']) }] };
      application
        .given([])
        .when((s) => decideSubmitSeatApplication(s, enterpriseWith(240), twice, DATONG_2022))
        .thenThrows({ kind: 'rule', rule: 'R-SEAT-6', details: { field: 'claims.1.personId' } });
    });

    it('given an enterprise, when it submits no claims, then it is invalid', () => {
      application
        .given([])
        .when((s) =>
          decideSubmitSeatApplication(s, enterpriseWith(240), { ...cmd, claims: [] }, DATONG_2022),
        )
        .thenThrows({ kind: 'invalid' });
    });

    it('given an unregistered enterprise, when it submits, then it is not found', () => {
      application
        .given([])
        .when((s) => decideSubmitSeatApplication(s, initialEnterpriseState(), cmd, DATONG_2022))
        .thenThrows({ kind: 'not_found' });
    });

    it('given an application already submitted, when it is submitted again, then it is a conflict', () => {
      application
        .given([submitted([TWO_MONTHS])])
        .when((s) => decideSubmitSeatApplication(s, enterpriseWith(240), cmd, DATONG_2022))
        .thenThrows({ kind: 'conflict' });
    });
  });

  describe('CompleteSubmission', () => {
    it('given a submission, when the person steps come back with one duplicate, then that claim is refused with the other claim named', () => {
      const conflictsWith = [
        { claimId: 'app-9.c1', enterpriseId: makeCreditCode(9), months: ['2023-02'] },
      ];
      const outcomes = new Map<string, StepOutcome>([
        [cid(1), { status: 'claimed', months: TWO_MONTHS }],
        [
          cid(2),
          {
            status: 'refused',
            rule: 'R-SEAT-6',
            reason: 'months 2023-02 are already claimed',
            conflictsWith,
          },
        ],
      ]);
      application
        .given([submitted([TWO_MONTHS, TWO_MONTHS])])
        .when((s) => decideCompleteSubmission(s, { ordinal: 1, firstTrancheMonths: 2 }, outcomes))
        .then([
          {
            type: 'SeatApplicationChecked',
            data: {
              processId: APP,
              applicationId: APP,
              ordinal: 1,
              firstTrancheMonths: 2,
              results: [
                { claimId: cid(1), status: 'submitted' },
                {
                  claimId: cid(2),
                  status: 'refused',
                  rule: 'R-SEAT-6',
                  reason: 'months 2023-02 are already claimed',
                  conflictsWith,
                },
              ],
            },
          },
        ]);
    });

    it('given a submission already checked, when it is completed again, then nothing is written', () => {
      application
        .given([submitted([TWO_MONTHS]), checked(2, 1)])
        .when((s) => decideCompleteSubmission(s, { ordinal: 1, firstTrancheMonths: 2 }, new Map()))
        .thenNothing();
    });
  });

  describe('ReviewApplication', () => {
    const given = [submitted([TWO_MONTHS, TWO_MONTHS]), checked(2, 2)];
    const review = {
      processId: `${APP}.review-1`,
      reviewedBy: REVIEWER,
      decidedOn: '2023-03-20',
      decisions: [
        { claimId: cid(1), approve: true },
        { claimId: cid(2), approve: false, reason: 'no roster entry' },
      ],
    };

    it('given checked claims, when one is approved and one rejected with a reason, then ApplicationReviewed is written', () => {
      application
        .given(given)
        .when((s) => decideReviewApplication(s, review))
        .then([{ type: 'ApplicationReviewed', data: { applicationId: APP, ...review } }]);
    });

    it('given checked claims, when one is rejected without a reason, then it is invalid', () => {
      application
        .given(given)
        .when((s) =>
          decideReviewApplication(s, {
            ...review,
            decisions: [{ claimId: cid(2), approve: false, reason: '  ' }],
          }),
        )
        .thenThrows({ kind: 'invalid', rule: null });
    });

    it('given claims already reviewed, when they are reviewed again, then it is a conflict', () => {
      application
        .given([...given, reviewedAllApproved(2)])
        .when((s) => decideReviewApplication(s, { ...review, processId: `${APP}.review-2` }))
        .thenThrows({ kind: 'conflict' });
    });

    it('given a submission still being checked, when it is reviewed, then it is a conflict (retry later)', () => {
      application
        .given([submitted([TWO_MONTHS])])
        .when((s) =>
          decideReviewApplication(s, {
            ...review,
            decisions: [{ claimId: cid(1), approve: true }],
          }),
        )
        .thenThrows({ kind: 'conflict' });
    });

    it('given a claim refused at submission (R-SEAT-6), when it is approved, then it is refused naming R-SEAT-6', () => {
      const refusedAtSubmission: SeatApplicationEvent = {
        type: 'SeatApplicationChecked',
        data: {
          processId: APP,
          applicationId: APP,
          ordinal: 1,
          firstTrancheMonths: 2,
          results: [
            {
              claimId: cid(1),
              status: 'refused',
              rule: 'R-SEAT-6',
              reason: 'duplicate',
              conflictsWith: [],
            },
          ],
        },
      };
      application
        .given([submitted([TWO_MONTHS]), refusedAtSubmission])
        .when((s) =>
          decideReviewApplication(s, {
            ...review,
            decisions: [{ claimId: cid(1), approve: true }],
          }),
        )
        .thenThrows({ kind: 'rule', rule: 'R-SEAT-6' });
    });

    it('given an application submitted on 2023-03-10, when it is reviewed on 2023-03-09, then it is invalid', () => {
      application
        .given(given)
        .when((s) => decideReviewApplication(s, { ...review, decidedOn: '2023-03-09' }))
        .thenThrows({ kind: 'invalid' });
    });

    it('given checked claims, when an unknown claim is reviewed, then it is not found', () => {
      application
        .given(given)
        .when((s) =>
          decideReviewApplication(s, {
            ...review,
            decisions: [{ claimId: cid(9), approve: true }],
          }),
        )
        .thenThrows({ kind: 'not_found' });
    });
  });

  describe('StartTrancheApproval', () => {
    it('given approved claims with enough months, when finance starts tranche 1, then every claim is a candidate for 2,500 yuan', () => {
      application
        .given(approvedApplication([EIGHT_MONTHS, TWO_MONTHS], 2))
        .when((s) =>
          decideStartTrancheApproval(
            s,
            { tranche: 1, decidedOn: '2023-04-01', approvedBy: FINANCE },
            DATONG_2022,
            GOOD,
          ),
        )
        .then([trancheStarted(1, '2023-04-01', [1, 2])]);
    });

    it('given an application reviewed by rev-1, when rev-1 starts tranche 1, then it is forbidden naming R-SOD', () => {
      application
        .given(approvedApplication([EIGHT_MONTHS], 2))
        .when((s) =>
          decideStartTrancheApproval(
            s,
            { tranche: 1, decidedOn: '2023-04-01', approvedBy: REVIEWER },
            DATONG_2022,
            GOOD,
          ),
        )
        .thenThrows({ kind: 'forbidden', rule: 'R-SOD' });
    });

    describe('order (R-SEAT-3)', () => {
      it('given no tranche approved, when tranche 2 is started, then it is refused naming R-SEAT-3', () => {
        application
          .given(approvedApplication([LONG], 2))
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 2, decidedOn: '2023-04-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'rule', rule: 'R-SEAT-3' });
      });

      it('given tranche 1 approved, when tranche 1 is started again, then it is refused naming R-SEAT-3', () => {
        application
          .given([...approvedApplication([LONG], 2), ...tranche(1, '2023-04-01', [1])])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 1, decidedOn: '2023-05-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'rule', rule: 'R-SEAT-3' });
      });

      it('given tranches 1 to 4 approved, when tranche 5 is started, then it is refused naming R-SEAT-3', () => {
        application
          .given([
            ...approvedApplication([LONG], 2),
            ...tranche(1, '2023-04-01', [1]),
            ...tranche(2, '2023-05-01', [1]),
            ...tranche(3, '2023-06-01', [1]),
            ...tranche(4, '2023-07-01', [1]),
          ])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 5, decidedOn: '2023-08-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'rule', rule: 'R-SEAT-3', message: 'a seat has tranches 1 to 4' });
      });

      it('given tranche 1 approved on 2023-04-01, when tranche 2 is decided on 2023-03-31, then it is refused naming R-SEAT-3', () => {
        application
          .given([...approvedApplication([LONG], 2), ...tranche(1, '2023-04-01', [1])])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 2, decidedOn: '2023-03-31', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'rule', rule: 'R-SEAT-3' });
      });

      it('given tranche 1 still being approved, when tranche 2 is started, then it is a conflict (retry later)', () => {
        application
          .given([...approvedApplication([LONG], 2), trancheStarted(1, '2023-04-01', [1])])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 2, decidedOn: '2023-05-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'conflict' });
      });
    });

    describe('months per claim (R-SEAT-2 for tranche 1, R-SEAT-3 later)', () => {
      it('given a trial-year first application (m1 = 2) with a claim of 1 month, when tranche 1 starts, then that claim is refused naming R-SEAT-2 and the rest goes on', () => {
        application
          .given(approvedApplication([TWO_MONTHS, ['2023-02']], 2))
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 1, decidedOn: '2023-04-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .then([
            trancheStarted(
              1,
              '2023-04-01',
              [1],
              [
                {
                  claimId: cid(2),
                  rule: 'R-SEAT-2',
                  reason: 'tranche 1 needs 2 months of wages and insurance; the claim shows 1',
                },
              ],
            ),
          ]);
      });

      it('given a second application (m1 = 6) with claims of 5 and 6 months, when tranche 1 starts, then 5 months are refused naming R-SEAT-2 and 6 qualify', () => {
        application
          .given(
            approvedApplication(
              [monthsEndingWith('2023-02', 6), monthsEndingWith('2023-02', 5)],
              6,
            ),
          )
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 1, decidedOn: '2023-04-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .then([
            trancheStarted(
              1,
              '2023-04-01',
              [1],
              [
                {
                  claimId: cid(2),
                  rule: 'R-SEAT-2',
                  reason: 'tranche 1 needs 6 months of wages and insurance; the claim shows 5',
                },
              ],
            ),
          ]);
      });

      it('given m1 = 2 and tranche 1 paid to claims of 8 and 7 months, when tranche 2 starts, then 8 qualify and 7 are refused naming R-SEAT-3', () => {
        application
          .given([
            ...approvedApplication([EIGHT_MONTHS, monthsEndingWith('2023-02', 7)], 2),
            ...tranche(1, '2023-04-01', [1, 2]),
          ])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 2, decidedOn: '2023-05-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .then([
            trancheStarted(
              2,
              '2023-05-01',
              [1],
              [
                {
                  claimId: cid(2),
                  rule: 'R-SEAT-3',
                  reason: 'tranche 2 needs 8 months of wages and insurance; the claim shows 7',
                },
              ],
            ),
          ]);
      });

      it('given every claim short of months for tranche 1, when it starts, then it is refused naming R-SEAT-2 and nothing is written', () => {
        application
          .given(approvedApplication([['2023-02']], 2))
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 1, decidedOn: '2023-04-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'rule', rule: 'R-SEAT-2' });
      });

      it('given every claim short of months for tranche 2, when it starts, then it is refused naming R-SEAT-3', () => {
        application
          .given([...approvedApplication([TWO_MONTHS], 2), ...tranche(1, '2023-04-01', [1])])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 2, decidedOn: '2023-05-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'rule', rule: 'R-SEAT-3' });
      });

      it('given no approved claim (all rejected), when tranche 1 starts, then it is a rule error naming R-SEAT-3', () => {
        const rejected: SeatApplicationEvent = {
          type: 'ApplicationReviewed',
          data: {
            processId: `${APP}.review-1`,
            applicationId: APP,
            reviewedBy: REVIEWER,
            decidedOn: '2023-03-20',
            decisions: [{ claimId: cid(1), approve: false, reason: 'no roster entry' }],
          },
        };
        const released: SeatApplicationEvent = {
          type: 'RejectedClaimsReleased',
          data: { processId: `${APP}.review-1`, applicationId: APP, claimIds: [cid(1)] },
        };
        application
          .given([submitted([EIGHT_MONTHS]), checked(2, 1), rejected, released])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 1, decidedOn: '2023-04-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'rule', rule: 'R-SEAT-3' });
      });

      it('given a claim withdrawn from tranche 1 by an upheld objection, when tranche 2 starts, then only the claims tranche 1 still pays are candidates', () => {
        application
          .given([
            ...approvedApplication([LONG, LONG], 2),
            ...tranche(1, '2023-04-01', [1, 2]),
            withdrawn(1, 2),
          ])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 2, decidedOn: '2023-05-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .then([trancheStarted(2, '2023-05-01', [1])]);
      });

      it('given a claim refused at tranche 1 by the person cap, when tranche 2 starts, then it is not a candidate', () => {
        const capRefusal = { claimId: cid(2), rule: 'R-SEAT-5', reason: 'cap' };
        application
          .given([
            ...approvedApplication([LONG, LONG], 2),
            trancheStarted(1, '2023-04-01', [1, 2]),
            trancheApproved(1, '2023-04-01', [[1, TRANCHE]], [capRefusal]),
          ])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 2, decidedOn: '2023-05-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .then([trancheStarted(2, '2023-05-01', [1])]);
      });
    });

    describe('window (R-SEAT-4)', () => {
      it('given tranche 1 approved on 2023-04-01, when tranche 2 is started on 2025-04-01 (exactly 24 months), then it is allowed', () => {
        application
          .given([...approvedApplication([LONG], 2), ...tranche(1, '2023-04-01', [1])])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 2, decidedOn: '2025-04-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .then([trancheStarted(2, '2025-04-01', [1])]);
      });

      it('given tranche 1 approved on 2023-04-01, when tranche 2 is started on 2025-04-02, then it is refused naming R-SEAT-4', () => {
        application
          .given([...approvedApplication([LONG], 2), ...tranche(1, '2023-04-01', [1])])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 2, decidedOn: '2025-04-02', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'rule', rule: 'R-SEAT-4' });
      });

      it('given tranche 1 approved on 2024-02-29, when tranche 4 is started on 2026-02-28, then it is allowed (month-end clamp)', () => {
        const submittedOn = '2024-02-10';
        const long = monthsEndingWith('2024-01', 30);
        application
          .given([
            ...approvedApplication([long], 6, submittedOn),
            ...tranche(1, '2024-02-29', [1]),
            ...tranche(2, '2024-09-01', [1]),
            ...tranche(3, '2025-03-01', [1]),
          ])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 4, decidedOn: '2026-02-28', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .then([trancheStarted(4, '2026-02-28', [1])]);
      });

      it('given tranche 1 approved on 2024-02-29, when tranche 4 is started on 2026-03-01, then it is refused naming R-SEAT-4', () => {
        const submittedOn = '2024-02-10';
        const long = monthsEndingWith('2024-01', 30);
        application
          .given([
            ...approvedApplication([long], 6, submittedOn),
            ...tranche(1, '2024-02-29', [1]),
            ...tranche(2, '2024-09-01', [1]),
            ...tranche(3, '2025-03-01', [1]),
          ])
          .when((s) =>
            decideStartTrancheApproval(
              s,
              { tranche: 4, decidedOn: '2026-03-01', approvedBy: FINANCE },
              DATONG_2022,
              GOOD,
            ),
          )
          .thenThrows({ kind: 'rule', rule: 'R-SEAT-4' });
      });
    });
  });

  describe('CompleteTrancheApproval', () => {
    const given = [
      ...approvedApplication([LONG, LONG, LONG], 2),
      trancheStarted(1, '2023-04-01', [1, 2, 3]),
    ];

    it('given a tranche being approved, when the persons reserve 2,500, 2,000 and refuse at the cap, then the tranche pays 4,500 yuan and names the refusal', () => {
      const outcomes = new Map<string, ReservationOutcome>([
        [rid(1, 1), { status: 'reserved', amountFen: 250_000 }],
        [rid(1, 2), { status: 'reserved', amountFen: 200_000 }],
        [rid(1, 3), { status: 'refused', rule: 'R-SEAT-5', reason: 'at the cap' }],
      ]);
      application
        .given(given)
        .when((s) => decideCompleteTrancheApproval(s, tid(1), outcomes))
        .then([
          trancheApproved(
            1,
            '2023-04-01',
            [
              [1, 250_000],
              [2, 200_000],
            ],
            [{ claimId: cid(3), rule: 'R-SEAT-5', reason: 'at the cap' }],
          ),
        ]);
    });

    it('given a tranche being approved, when every person is at the cap, then it is approved paying nothing', () => {
      const outcomes = new Map<string, ReservationOutcome>(
        [1, 2, 3].map((n) => [
          rid(1, n),
          { status: 'refused', rule: 'R-SEAT-5', reason: 'at the cap' },
        ]),
      );
      application
        .given(given)
        .when((s) => decideCompleteTrancheApproval(s, tid(1), outcomes))
        .then([
          trancheApproved(
            1,
            '2023-04-01',
            [],
            [1, 2, 3].map((n) => ({ claimId: cid(n), rule: 'R-SEAT-5', reason: 'at the cap' })),
          ),
        ]);
    });

    it('given a tranche being approved, when a person’s outcome is missing, then it throws rather than guess', () => {
      expect(() =>
        decideCompleteTrancheApproval(foldSeatApplication(given), tid(1), new Map()),
      ).toThrow(/has no outcome yet/);
    });

    it('given a tranche already approved, when it is completed again, then nothing is written', () => {
      application
        .given([...approvedApplication([LONG], 2), ...tranche(1, '2023-04-01', [1])])
        .when((s) => decideCompleteTrancheApproval(s, tid(1), new Map()))
        .thenNothing();
    });
  });

  describe('PublicizeTranche', () => {
    const given = [...approvedApplication([LONG, LONG], 2), ...tranche(1, '2023-04-01', [1, 2])];
    const cmd = {
      trancheId: tid(1),
      publicityId: 'pub-1',
      startsOn: '2023-04-02',
      endsOn: '2023-04-08',
    };

    it('given an approved tranche, when it is publicized, then TranchePublicized is written', () => {
      application
        .given(given)
        .when((s) => decidePublicizeTranche(s, cmd))
        .then([publicized(1, '2023-04-02', '2023-04-08')]);
    });

    it('given a publicized tranche, when it is publicized again, then nothing is written (idempotent)', () => {
      application
        .given([...given, publicized(1, '2023-04-02', '2023-04-08')])
        .when((s) => decidePublicizeTranche(s, cmd))
        .thenNothing();
    });

    it('given an approved tranche, when it is checked for a notice, then it is publishable', () => {
      expect(checkPublishable(foldSeatApplication(given), tid(1), '2023-04-02').tranche).toBe(1);
    });

    it('given a tranche already on a notice, when checked for another, then it is a conflict', () => {
      const state = foldSeatApplication([...given, publicized(1, '2023-04-02', '2023-04-08')]);
      expect(() => checkPublishable(state, tid(1), '2023-04-10')).toThrow(
        expect.objectContaining({ kind: 'conflict' }),
      );
    });

    it('given a tranche approved on 2023-04-01, when a notice would start 2023-03-31, then it is refused naming R-PUB', () => {
      expect(() => checkPublishable(foldSeatApplication(given), tid(1), '2023-03-31')).toThrow(
        expect.objectContaining({ kind: 'rule', rule: 'R-PUB' }),
      );
    });

    it('given a tranche still being approved, when checked for a notice, then it is a conflict', () => {
      const state = foldSeatApplication([
        ...approvedApplication([LONG], 2),
        trancheStarted(1, '2023-04-01', [1]),
      ]);
      expect(() => checkPublishable(state, tid(1), '2023-04-02')).toThrow(
        expect.objectContaining({ kind: 'conflict' }),
      );
    });

    it('given a tranche that pays nobody, when checked for a notice, then it is refused naming R-PUB', () => {
      const state = foldSeatApplication([...given, withdrawn(1, 1), withdrawn(1, 2)]);
      expect(() => checkPublishable(state, tid(1), '2023-04-02')).toThrow(
        expect.objectContaining({ kind: 'rule', rule: 'R-PUB' }),
      );
    });
  });

  describe('WithdrawClaim (upheld objection)', () => {
    const given = [
      ...approvedApplication([LONG, LONG], 2),
      ...tranche(1, '2023-04-01', [1, 2]),
      publicized(1, '2023-04-02', '2023-04-08'),
    ];
    const cmd = {
      trancheId: tid(1),
      claimId: cid(2),
      withdrawnOn: '2023-04-05',
      objectionId: 'obj-1',
      publicityId: 'pub-1',
    };

    it('given a tranche paying two claims, when one is withdrawn, then ClaimWithdrawnFromTranche carries its reservation and amount', () => {
      application
        .given(given)
        .when((s) => decideWithdrawClaim(s, cmd))
        .then([withdrawn(1, 2)]);
    });

    it('given a claim withdrawn from a tranche of 5,000 yuan, when the state is folded, then the tranche pays 2,500 yuan', () => {
      const before = foldSeatApplication(given).tranches.get(tid(1));
      const after = foldSeatApplication([...given, withdrawn(1, 2)]).tranches.get(tid(1));
      expect(before?.amountFen).toBe(500_000);
      expect(after?.amountFen).toBe(250_000);
    });

    it('given a claim already withdrawn, when it is withdrawn again, then nothing is written', () => {
      application
        .given([...given, withdrawn(1, 2)])
        .when((s) => decideWithdrawClaim(s, cmd))
        .thenNothing();
    });

    it('given a claim not in the tranche, when it is withdrawn, then nothing is written', () => {
      application
        .given(given)
        .when((s) => decideWithdrawClaim(s, { ...cmd, claimId: cid(9) }))
        .thenNothing();
    });
  });

  describe('RecordDisbursement', () => {
    const pay: RecordDisbursementCommand = {
      disbursementId: 'disb-1',
      trancheId: tid(1),
      paidOn: '2023-04-09',
      amountFen: 500_000,
      bankRef: 'ICBC-0001',
      paidBy: FINANCE,
    };
    const approved = [...approvedApplication([LONG, LONG], 2), ...tranche(1, '2023-04-01', [1, 2])];
    const published = [...approved, publicized(1, '2023-04-02', '2023-04-08')];
    const ended = notice(1, '2023-04-02', '2023-04-08');

    it('given a published tranche whose notice ended, when the exact amount is paid the day after, then TrancheDisbursed is written', () => {
      application
        .given(published)
        .when((s) => decideRecordDisbursement(s, pay, ended, DATONG_2022, GOOD))
        .then([disbursed(1, pay)]);
    });

    it('given an approved tranche not published, when it is paid, then it is refused naming R-PUB', () => {
      application
        .given(approved)
        .when((s) => decideRecordDisbursement(s, pay, undefined, DATONG_2022, GOOD))
        .thenThrows({ kind: 'rule', rule: 'R-PUB' });
    });

    it('given a notice ending 2023-04-08, when the tranche is paid on 2023-04-08, then it is refused naming R-PUB', () => {
      application
        .given(published)
        .when((s) =>
          decideRecordDisbursement(s, { ...pay, paidOn: '2023-04-08' }, ended, DATONG_2022, GOOD),
        )
        .thenThrows({ kind: 'rule', rule: 'R-PUB' });
    });

    it('given an ended notice with an open objection, when the tranche is paid, then it is refused naming R-PUB', () => {
      application
        .given(published)
        .when((s) =>
          decideRecordDisbursement(
            s,
            pay,
            notice(1, '2023-04-02', '2023-04-08', { openObjections: 1 }),
            DATONG_2022,
            GOOD,
          ),
        )
        .thenThrows({ kind: 'rule', rule: 'R-PUB' });
    });

    it('given an ended notice with an objection upheld on the list, when the tranche is paid, then it is refused naming R-PUB', () => {
      application
        .given(published)
        .when((s) =>
          decideRecordDisbursement(
            s,
            pay,
            notice(1, '2023-04-02', '2023-04-08', { upheldObjectionsOnTheList: 1 }),
            DATONG_2022,
            GOOD,
          ),
        )
        .thenThrows({ kind: 'rule', rule: 'R-PUB' });
    });

    it('given a tranche of 500,000 fen, when 499,999 fen are paid, then it is refused naming R-PAY', () => {
      application
        .given(published)
        .when((s) =>
          decideRecordDisbursement(s, { ...pay, amountFen: 499_999 }, ended, DATONG_2022, GOOD),
        )
        .thenThrows({ kind: 'rule', rule: 'R-PAY' });
    });

    it('given a claim withdrawn from the tranche, when the original 500,000 fen are paid, then it is refused naming R-PAY; 250,000 is accepted', () => {
      application
        .given([...published, withdrawn(1, 2)])
        .when((s) => decideRecordDisbursement(s, pay, ended, DATONG_2022, GOOD))
        .thenThrows({ kind: 'rule', rule: 'R-PAY' });
      application
        .given([...published, withdrawn(1, 2)])
        .when((s) =>
          decideRecordDisbursement(s, { ...pay, amountFen: 250_000 }, ended, DATONG_2022, GOOD),
        )
        .then([disbursed(1, { ...pay, amountFen: 250_000 })]);
    });

    it('given a tranche already paid, when it is paid again, then it is a conflict naming the first disbursement', () => {
      application
        .given([...published, disbursed(1, pay)])
        .when((s) =>
          decideRecordDisbursement(
            s,
            { ...pay, disbursementId: 'disb-2', bankRef: 'ICBC-0002' },
            ended,
            DATONG_2022,
            GOOD,
          ),
        )
        .thenThrows({ kind: 'conflict', details: { rule: 'R-PAY', disbursementId: 'disb-1' } });
    });

    it('given an application reviewed by rev-1, when rev-1 records the payment, then it is forbidden naming R-SOD', () => {
      application
        .given(published)
        .when((s) =>
          decideRecordDisbursement(s, { ...pay, paidBy: REVIEWER }, ended, DATONG_2022, GOOD),
        )
        .thenThrows({ kind: 'forbidden', rule: 'R-SOD' });
    });

    it('given a tranche approved on 2023-04-01, when a payment is dated 2023-03-31, then it is refused naming R-PAY', () => {
      application
        .given(published)
        .when((s) =>
          decideRecordDisbursement(s, { ...pay, paidOn: '2023-03-31' }, ended, DATONG_2022, GOOD),
        )
        .thenThrows({ kind: 'rule', rule: 'R-PAY' });
    });

    it('given a tranche still being approved, when it is paid, then it is a conflict', () => {
      application
        .given([...approvedApplication([LONG], 2), trancheStarted(1, '2023-04-01', [1])])
        .when((s) => decideRecordDisbursement(s, pay, ended, DATONG_2022, GOOD))
        .thenThrows({ kind: 'conflict' });
    });

    it('given no such tranche, when it is paid, then it is not found', () => {
      application
        .given(approvedApplication([LONG], 2))
        .when((s) => decideRecordDisbursement(s, pay, ended, DATONG_2022, GOOD))
        .thenThrows({ kind: 'not_found' });
    });

    it('given tranche 1 approved on 2023-04-01, when it is paid on 2025-04-01 (exactly 24 months), then it is allowed', () => {
      application
        .given(published)
        .when((s) =>
          decideRecordDisbursement(s, { ...pay, paidOn: '2025-04-01' }, ended, DATONG_2022, GOOD),
        )
        .then([disbursed(1, { ...pay, paidOn: '2025-04-01' })]);
    });

    it('given tranche 1 approved on 2023-04-01, when it is paid on 2025-04-02 (after 24 months), then it is refused naming R-SEAT-4', () => {
      application
        .given(published)
        .when((s) =>
          decideRecordDisbursement(s, { ...pay, paidOn: '2025-04-02' }, ended, DATONG_2022, GOOD),
        )
        .thenThrows({ kind: 'rule', rule: 'R-SEAT-4' });
    });

    it('given tranche 1 approved on 2023-04-01 and tranche 2 on 2025-03-20, when tranche 2 is paid on 2025-04-02, then it is refused naming R-SEAT-4', () => {
      const pay2 = { ...pay, trancheId: tid(2), amountFen: 250_000, paidOn: '2025-04-02' };
      application
        .given([
          ...approvedApplication([LONG], 2),
          ...tranche(1, '2023-04-01', [1]),
          ...tranche(2, '2025-03-20', [1]),
          publicized(2, '2025-03-21', '2025-03-27'),
        ])
        .when((s) =>
          decideRecordDisbursement(
            s,
            pay2,
            notice(2, '2025-03-21', '2025-03-27'),
            DATONG_2022,
            GOOD,
          ),
        )
        .thenThrows({ kind: 'rule', rule: 'R-SEAT-4' });
    });
  });

  describe('suspension (R-FRAUD)', () => {
    const SUSPENDED = { enterpriseId: ENT, suspendedByCaseIds: ['case-1'] };

    it('given an enterprise suspended by case-1, when finance starts tranche 1, then it answers suspended (423) naming R-FRAUD', () => {
      application
        .given(approvedApplication([EIGHT_MONTHS], 2))
        .when((s) =>
          decideStartTrancheApproval(
            s,
            { tranche: 1, decidedOn: '2023-04-01', approvedBy: FINANCE },
            DATONG_2022,
            SUSPENDED,
          ),
        )
        .thenThrows({ kind: 'suspended', rule: 'R-FRAUD', details: { suspendedBy: ['case-1'] } });
    });

    it('given an enterprise suspended by case-1, when a published tranche is paid, then it answers suspended (423) naming R-FRAUD', () => {
      const pay: RecordDisbursementCommand = {
        disbursementId: 'disb-1',
        trancheId: tid(1),
        paidOn: '2023-04-09',
        amountFen: TRANCHE,
        bankRef: 'ICBC-0001',
        paidBy: FINANCE,
      };
      application
        .given([
          ...approvedApplication([LONG], 2),
          ...tranche(1, '2023-04-01', [1]),
          publicized(1, '2023-04-02', '2023-04-08'),
        ])
        .when((s) =>
          decideRecordDisbursement(
            s,
            pay,
            notice(1, '2023-04-02', '2023-04-08'),
            DATONG_2022,
            SUSPENDED,
          ),
        )
        .thenThrows({ kind: 'suspended', rule: 'R-FRAUD' });
    });

    it('given the suspension lifted (no case suspends it), when finance starts tranche 1, then it starts as usual', () => {
      application
        .given(approvedApplication([EIGHT_MONTHS], 2))
        .when((s) =>
          decideStartTrancheApproval(
            s,
            { tranche: 1, decidedOn: '2023-04-01', approvedBy: FINANCE },
            DATONG_2022,
            { enterpriseId: ENT, suspendedByCaseIds: [] },
          ),
        )
        .then([trancheStarted(1, '2023-04-01', [1])]);
    });
  });

  describe('FindClaimFalse (a step of a finding, R-FRAUD)', () => {
    const find = { caseId: 'case-1', findingId: 'f-1', claimId: cid(1), foundOn: '2024-03-10' };
    const pay = (k: number, paidOn: BusinessDate, amountFen: Fen): SeatApplicationEvent =>
      disbursed(k, {
        disbursementId: `d-${k}`,
        trancheId: tid(k),
        paidOn,
        amountFen,
        bankRef: `ICBC-${k}`,
        paidBy: FINANCE,
      });
    const foundFalse: SeatApplicationEvent = {
      type: 'ClaimFoundFalse',
      data: { applicationId: APP, enterpriseId: ENT, ...find },
    };
    const clawback = (k: number, paidOn: BusinessDate): SeatApplicationEvent => ({
      type: 'ClawbackAssessed',
      data: {
        applicationId: APP,
        enterpriseId: ENT,
        caseId: 'case-1',
        findingId: 'f-1',
        clawbackId: `d-${k}:${cid(1)}`,
        claimId: cid(1),
        personKey: 'pk-1',
        trancheId: tid(k),
        reservationId: rid(k, 1),
        disbursementId: `d-${k}`,
        paidOn,
        bankRef: `ICBC-${k}`,
        amountFen: TRANCHE,
        assessedOn: '2024-03-10',
      },
    });
    const cancelled = (k: number): SeatApplicationEvent => ({
      type: 'ClaimWithdrawnFromTranche',
      data: {
        applicationId: APP,
        enterpriseId: ENT,
        trancheId: tid(k),
        claimId: cid(1),
        personKey: 'pk-1',
        reservationId: rid(k, 1),
        amountFen: TRANCHE,
        withdrawnOn: '2024-03-10',
        cause: { kind: 'finding', id: 'f-1', caseId: 'case-1' },
      },
    });
    /** Claims 1 and 2; tranches 1 and 2 paid to both, tranche 3 approved, not paid. */
    const paidTwice = [
      ...approvedApplication([LONG, LONG], 2),
      ...tranche(1, '2023-04-01', [1, 2]),
      pay(1, '2023-04-10', 2 * TRANCHE),
      ...tranche(2, '2023-10-01', [1, 2]),
      pay(2, '2023-10-10', 2 * TRANCHE),
    ];

    it('given a claim paid in two tranches, when found false, then each payment becomes a clawback of its share', () => {
      application
        .given(paidTwice)
        .when((s) => decideFindClaimFalse(s, find))
        .then([foundFalse, clawback(1, '2023-04-10'), clawback(2, '2023-10-10')]);
    });

    it('given a claim approved in an unpaid tranche, when found false, then the amount is cancelled (cause finding) and nothing is due', () => {
      application
        .given([...approvedApplication([LONG], 2), ...tranche(1, '2023-04-01', [1])])
        .when((s) => decideFindClaimFalse(s, find))
        .then([foundFalse, cancelled(1)]);
    });

    it('given a claim paid twice and approved in tranche 3, when found false, then two clawbacks and one cancellation are written together', () => {
      const given = [...paidTwice, ...tranche(3, '2024-03-01', [1, 2])];
      application
        .given(given)
        .when((s) => decideFindClaimFalse(s, find))
        .then([foundFalse, cancelled(3), clawback(1, '2023-04-10'), clawback(2, '2023-10-10')]);
      const state = foldSeatApplication([
        ...given,
        foundFalse,
        cancelled(3),
        clawback(1, '2023-04-10'),
        clawback(2, '2023-10-10'),
      ]);
      expect(state.claims.get(cid(1))?.status).toBe('fraudulent');
      expect(state.tranches.get(tid(3))?.amountFen).toBe(TRANCHE); // only claim 2 is left
      expect(falseClaimOutcome(state, cid(1), { caseId: 'case-1', findingId: 'f-1' })).toEqual({
        claimId: cid(1),
        applicationId: APP,
        personKey: 'pk-1',
        personIdMasked: people[0].personIdMasked,
        status: 'found',
        foundFalseBy: { caseId: 'case-1', findingId: 'f-1' },
        tranches: [
          ...[1, 2].map((k) => ({
            trancheId: tid(k),
            reservationId: rid(k, 1),
            approvedFen: TRANCHE,
            cancelledFen: 0,
            payment: {
              disbursementId: `d-${k}`,
              bankRef: `ICBC-${k}`,
              paidOn: k === 1 ? '2023-04-10' : '2023-10-10',
              amountFen: TRANCHE,
              clawbackId: `d-${k}:${cid(1)}`,
            },
          })),
          {
            trancheId: tid(3),
            reservationId: rid(3, 1),
            approvedFen: TRANCHE,
            cancelledFen: TRANCHE,
          },
        ],
      });
    });

    it('given the claim found false, when the step is retried, then nothing is written', () => {
      application
        .given([...paidTwice, foundFalse, clawback(1, '2023-04-10'), clawback(2, '2023-10-10')])
        .when((s) => decideFindClaimFalse(s, find))
        .thenNothing();
    });

    it('given the claim found false by another case, when this finding reaches it, then nothing is written and the outcome says so', () => {
      const other: SeatApplicationEvent = {
        type: 'ClaimFoundFalse',
        data: {
          applicationId: APP,
          enterpriseId: ENT,
          ...find,
          caseId: 'case-0',
          findingId: 'f-0',
        },
      };
      application
        .given([...paidTwice, other])
        .when((s) => decideFindClaimFalse(s, find))
        .thenNothing();
      const outcome = falseClaimOutcome(foldSeatApplication([...paidTwice, other]), cid(1), {
        caseId: 'case-1',
        findingId: 'f-1',
      });
      expect(outcome).toMatchObject({
        status: 'alreadyFalse',
        foundFalseBy: { caseId: 'case-0', findingId: 'f-0' },
        tranches: [],
      });
    });

    it('given a tranche still being approved for the claim, when found false, then the step waits (conflict)', () => {
      application
        .given([...approvedApplication([LONG], 2), trancheStarted(1, '2023-04-01', [1])])
        .when((s) => decideFindClaimFalse(s, find))
        .thenThrows({ kind: 'conflict' });
    });

    it('given the claim withdrawn from tranche 1 by an upheld objection, when found false, then tranche 1 is left alone', () => {
      application
        .given([
          ...approvedApplication([LONG, LONG], 2),
          ...tranche(1, '2023-04-01', [1, 2]),
          withdrawn(1, 1),
        ])
        .when((s) => decideFindClaimFalse(s, find))
        .then([foundFalse]);
    });

    it('given a claim found false, when the next tranche is started, then the false claim is not a candidate', () => {
      application
        .given([...paidTwice, foundFalse, clawback(1, '2023-04-10'), clawback(2, '2023-10-10')])
        .when((s) =>
          decideStartTrancheApproval(
            s,
            { tranche: 3, decidedOn: '2024-04-01', approvedBy: FINANCE },
            DATONG_2022,
            GOOD,
          ),
        )
        .then([trancheStarted(3, '2024-04-01', [2])]);
    });

    describe('checkFalseClaim (before the finding is recorded)', () => {
      const state = (events: SeatApplicationEvent[]) => foldSeatApplication(events);

      it("given an approved claim of the case's enterprise, when checked, then it passes", () => {
        expect(checkFalseClaim(state(paidTwice), cid(1), ENT).claimId).toBe(cid(1));
      });

      it('given an unknown claim or application, when checked, then it is not found', () => {
        expect(() => checkFalseClaim(state(paidTwice), cid(9), ENT)).toThrow(
          expect.objectContaining({ kind: 'not_found' }),
        );
        expect(() => checkFalseClaim(initialSeatApplicationState(), cid(1), ENT)).toThrow(
          expect.objectContaining({ kind: 'not_found' }),
        );
      });

      it('given a claim of another enterprise, when checked, then it is refused naming R-FRAUD', () => {
        expect(() => checkFalseClaim(state(paidTwice), cid(1), makeCreditCode(8))).toThrow(
          expect.objectContaining({ kind: 'rule', rule: 'R-FRAUD' }),
        );
      });

      it('given a claim already found false, when checked, then it is a conflict', () => {
        expect(() => checkFalseClaim(state([...paidTwice, foundFalse]), cid(1), ENT)).toThrow(
          expect.objectContaining({ kind: 'conflict' }),
        );
      });

      it('given a claim not yet reviewed, when checked, then it is refused naming R-FRAUD', () => {
        const unreviewed = [submitted([LONG]), checked(2, 1)];
        expect(() => checkFalseClaim(state(unreviewed), cid(1), ENT)).toThrow(
          expect.objectContaining({ kind: 'rule', rule: 'R-FRAUD' }),
        );
      });
    });
  });
});
