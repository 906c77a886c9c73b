/**
 * Events and commands for the seat-application decider specs: enterprise ENT's
 * application APP, one claim per person of `people`, approved by REVIEWER and
 * paid by FINANCE, each tranche 2,500 yuan.
 */
import {
  EnterpriseState,
  evolveEnterprise,
  initialEnterpriseState,
} from '../../enterprise/enterprise.decider';
import { EnterpriseEvent } from '../../enterprise/enterprise.events';
import { maskResidentId } from '../../identity/resident-id';
import { makeCreditCode, makeResidentId } from '../../identity/test-ids';
import { goodStanding } from '../../rules/enterprise-suspension.rule';
import { PublicityForPayment } from '../../rules/payment-after-publicity.rule';
import { addMonths, BusinessDate, Month } from '../../shared/business-date';
import { Fen } from '../../shared/money';
import { spec } from '../../testing/decider-specification';
import { RecordDisbursementCommand } from '../record-disbursement.decider';
import { RefusedClaim, SeatApplicationEvent, SubmittedClaim } from '../seat-application.events';
import { evolveSeatApplication, initialSeatApplicationState } from '../seat-application.state';

export const application = spec({
  initial: initialSeatApplicationState,
  evolve: evolveSeatApplication,
});

export const APP = 'app-1';
export const ENT = makeCreditCode(7);
export const REVIEWER = 'rev-1';
export const FINANCE = 'fin-1';
export const TRANCHE = 250_000;
/** No case suspends the enterprise (R-FRAUD). */
export const GOOD = goodStanding(ENT);

/** `count` consecutive months ending with `last`. */
export function monthsEndingWith(last: Month, count: number): Month[] {
  return Array.from({ length: count }, (_, i) =>
    addMonths(`${last}-01`, i - count + 1).slice(0, 7),
  );
}

export const people = [1, 2, 3].map((n) => {
  const personId = makeResidentId('140202', '19900101', 10 + n);
  return {
    personKey: `pk-${n}`,
    personId,
    personIdMasked: maskResidentId(personId),
    name: ['张三', '李四', '王五'][n - 1],
  };
});

export function enterpriseWith(seats: number): EnterpriseState {
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
export function submitted(
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

export function checked(firstTrancheMonths: number, claimCount: number): SeatApplicationEvent {
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

export function reviewedAllApproved(
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
export function approvedApplication(
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

export const tid = (k: number) => `${APP}.t${k}`;
export const cid = (n: number) => `${APP}.c${n}`;
export const rid = (k: number, n: number) => `${tid(k)}:${cid(n)}`;

export function trancheStarted(
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

export function trancheApproved(
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
export const tranche = (
  k: number,
  decidedOn: BusinessDate,
  claims: number[],
): SeatApplicationEvent[] => [
  trancheStarted(k, decidedOn, claims),
  trancheApproved(
    k,
    decidedOn,
    claims.map((n): [number, Fen] => [n, TRANCHE]),
  ),
];

export function publicized(
  k: number,
  startsOn: BusinessDate,
  endsOn: BusinessDate,
): SeatApplicationEvent {
  return {
    type: 'TranchePublicized',
    data: { applicationId: APP, trancheId: tid(k), publicityId: `pub-${k}`, startsOn, endsOn },
  };
}

export function withdrawn(k: number, n: number, amountFen: Fen = TRANCHE): SeatApplicationEvent {
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

export function notice(
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

export function disbursed(k: number, cmd: RecordDisbursementCommand): SeatApplicationEvent {
  return {
    type: 'TrancheDisbursed',
    data: { applicationId: APP, enterpriseId: ENT, ...cmd, trancheId: tid(k) },
  };
}

export const EIGHT_MONTHS = monthsEndingWith('2023-02', 8); // 2022-07 .. 2023-02
export const TWO_MONTHS = monthsEndingWith('2023-02', 2); // 2023-01 .. 2023-02
export const LONG = monthsEndingWith('2023-02', 30); // enough for every tranche
