import { maskResidentId } from '@ledger/domain';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { CommandContext } from '../command-context';
import { LedgerDeps } from '../ledger-deps';
import { reviewApplication } from '../processes/application-review.process';
import { registerEnterprise } from '../processes/enterprise-registration.process';
import { verifyPayeeAccount } from '../processes/payee-account.process';
import { openPublicity } from '../processes/publicity-opening.process';
import { submitSeatApplication } from '../processes/seat-submission.process';
import { approveTranche } from '../processes/tranche-approval.process';

/** A call centre of `seats` seats, registered on 2023-01-02. */
export async function registeredCallCentre(
  deps: LedgerDeps,
  reviewer: CommandContext,
  enterpriseId: string,
  name: string,
  seats = 300,
): Promise<void> {
  await registerEnterprise(deps, reviewer, {
    enterpriseId,
    name,
    industry: 'call',
    seats,
    registeredOn: '2023-01-02',
  });
}

const FIRST_HALF_2023 = ['2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06'];

/**
 * Application `applicationId` of one claim for the first half of 2023,
 * submitted and approved by `actors.secondReviewer` on 2023-07-03; its tranche
 * 1 is `${applicationId}.t1`.
 */
export async function reviewedHalfYearClaim(
  deps: LedgerDeps,
  actors: { reviewer: CommandContext; secondReviewer: CommandContext },
  claim: {
    enterpriseId: string;
    applicationId: string;
    reviewId: string;
    personId: string;
    personKey: string;
  },
): Promise<void> {
  const { reviewer, secondReviewer } = actors;
  const { applicationId, personId } = claim;
  await submitSeatApplication(deps, reviewer, {
    applicationId,
    enterpriseId: claim.enterpriseId,
    submittedOn: '2023-07-03',
    claims: [
      {
        personKey: claim.personKey,
        personId,
        personIdMasked: maskResidentId(personId),
        name: '张三',
        wageMonths: FIRST_HALF_2023,
        insuranceMonths: FIRST_HALF_2023,
      },
    ],
  });
  await reviewApplication(deps, secondReviewer, applicationId, {
    processId: claim.reviewId,
    reviewedBy: secondReviewer.actorId,
    decidedOn: '2023-07-03',
    decisions: [{ claimId: `${applicationId}.c1`, approve: true }],
  });
}

/** Tranche 1 of a `reviewedHalfYearClaim` approved on 2023-07-05 and published 2023-07-06 to 2023-07-12. */
export async function approvedAndPublishedHalfYearTranche(
  deps: LedgerDeps,
  actors: { reviewer: CommandContext; finance: CommandContext },
  app: { applicationId: string; trancheId: string; publicityId: string },
): Promise<void> {
  await approveTranche(deps, actors.finance, app.applicationId, {
    tranche: 1,
    decidedOn: '2023-07-05',
  });
  await openPublicity(deps, actors.reviewer, {
    publicityId: app.publicityId,
    trancheIds: [app.trancheId],
    startsOn: '2023-07-06',
    endsOn: '2023-07-12',
  });
}

/**
 * One claim approved on 2023-03-05, its tranche 1 approved on 2023-03-10 and
 * published 2023-03-11 to 2023-03-17, so payable from 2023-03-18. `id` names
 * the application, the review and the notice (called in that order).
 */
export async function publishedSeatTranche(
  deps: LedgerDeps,
  actors: { reviewer: CommandContext; finance: CommandContext },
  who: { enterpriseId: string; enterpriseName: string; personId: string; personKey: string },
  id: (kind: 'app' | 'review' | 'pub') => string,
): Promise<{ enterpriseId: string; applicationId: string; claimId: string; trancheId: string }> {
  const { reviewer, finance } = actors;
  const { enterpriseId, personId } = who;
  await registeredCallCentre(deps, reviewer, enterpriseId, who.enterpriseName);
  const applicationId = id('app');
  const months = ['2022-11', '2022-12', '2023-01', '2023-02'];
  const submitted = await submitSeatApplication(deps, reviewer, {
    applicationId,
    enterpriseId,
    submittedOn: '2023-03-01',
    claims: [
      {
        personKey: who.personKey,
        personId,
        personIdMasked: maskResidentId(personId),
        name: '张三',
        wageMonths: months,
        insuranceMonths: months,
      },
    ],
  });
  const claimId = submitted.result.claims[0].claimId;
  await reviewApplication(deps, reviewer, applicationId, {
    processId: id('review'),
    reviewedBy: reviewer.actorId,
    decidedOn: '2023-03-05',
    decisions: [{ claimId, approve: true }],
  });
  const t = await approveTranche(deps, finance, applicationId, {
    tranche: 1,
    decidedOn: '2023-03-10',
  });
  await openPublicity(deps, reviewer, {
    publicityId: id('pub'),
    trancheIds: [t.result.trancheId],
    startsOn: '2023-03-11',
    endsOn: '2023-03-17',
  });
  return { enterpriseId, applicationId, claimId, trancheId: t.result.trancheId };
}

/**
 * A seat tranche a batch may take: one claim approved on 2023-03-05, tranche 1
 * approved on 2023-03-10, its notice over on 2023-03-17, the enterprise's
 * account verified on 2023-03-15. `n` (0–999) keeps enterprises, persons and
 * ids apart; `label` keeps specs sharing a store apart.
 */
export async function payableSeatTranche(
  deps: LedgerDeps,
  actors: { reviewer: CommandContext; finance: CommandContext },
  label: string,
  n: number,
): Promise<{ trancheId: string; applicationId: string; enterpriseId: string }> {
  const enterpriseId = makeCreditCode(8_400 + n);
  const name = `批次企业 ${n}`;
  const t = await publishedSeatTranche(
    deps,
    actors,
    {
      enterpriseId,
      enterpriseName: name,
      personId: makeResidentId('140202', '19900101', n),
      personKey: `pk-${label}-${n}`,
    },
    (kind) => `${kind}-${label}-${n}`,
  );
  await verifyPayeeAccount(deps, actors.reviewer, {
    accountId: `acc-${label}-${n}`,
    payeeKind: 'enterprise',
    payeeId: enterpriseId,
    accountName: name,
    accountNumber: `62220202001122${String(n).padStart(5, '0')}`,
    bankName: '中国工商银行大同分行',
    bankCode: '102162000023',
    verifiedOn: '2023-03-15',
  });
  return { trancheId: t.trancheId, applicationId: t.applicationId, enterpriseId };
}

/**
 * An enterprise registered on 2023-01-05 with application `applicationId` of
 * one claim (wages and insurance for 2023-01 and 2023-02), submitted on
 * 2023-03-01 and approved by `actors.secondReviewer` on 2023-03-05; its
 * tranche 1 (`${applicationId}.t1`) is left for the caller to approve.
 */
export async function reviewedOneClaimApplication(
  deps: LedgerDeps,
  actors: { reviewer: CommandContext; secondReviewer: CommandContext },
  who: {
    enterpriseId: string;
    enterpriseName: string;
    applicationId: string;
    personId: string;
    personKey: string;
  },
): Promise<void> {
  const { reviewer, secondReviewer } = actors;
  const { enterpriseId, applicationId, personId } = who;
  await registerEnterprise(deps, reviewer, {
    enterpriseId,
    name: who.enterpriseName,
    industry: 'call',
    seats: 300,
    registeredOn: '2023-01-05',
  });
  await submitSeatApplication(deps, reviewer, {
    applicationId,
    enterpriseId,
    submittedOn: '2023-03-01',
    claims: [
      {
        personId,
        personKey: who.personKey,
        personIdMasked: maskResidentId(personId),
        name: '张三',
        wageMonths: ['2023-01', '2023-02'],
        insuranceMonths: ['2023-01', '2023-02'],
      },
    ],
  });
  await reviewApplication(deps, secondReviewer, applicationId, {
    processId: `${applicationId}:review`,
    reviewedBy: secondReviewer.actorId,
    decidedOn: '2023-03-05',
    decisions: [{ claimId: `${applicationId}.c1`, approve: true }],
  });
}
