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
  const { reviewer, finance } = actors;
  const enterpriseId = makeCreditCode(8_400 + n);
  const personId = makeResidentId('140202', '19900101', n);
  const name = `批次企业 ${n}`;
  await registerEnterprise(deps, reviewer, {
    enterpriseId,
    name,
    industry: 'call',
    seats: 300,
    registeredOn: '2023-01-02',
  });
  const applicationId = `app-${label}-${n}`;
  const months = ['2022-11', '2022-12', '2023-01', '2023-02'];
  const submitted = await submitSeatApplication(deps, reviewer, {
    applicationId,
    enterpriseId,
    submittedOn: '2023-03-01',
    claims: [
      {
        personKey: `pk-${label}-${n}`,
        personId,
        personIdMasked: maskResidentId(personId),
        name: '张三',
        wageMonths: months,
        insuranceMonths: months,
      },
    ],
  });
  await reviewApplication(deps, reviewer, applicationId, {
    processId: `review-${label}-${n}`,
    reviewedBy: reviewer.actorId,
    decidedOn: '2023-03-05',
    decisions: [{ claimId: submitted.result.claims[0].claimId, approve: true }],
  });
  const t = await approveTranche(deps, finance, applicationId, {
    tranche: 1,
    decidedOn: '2023-03-10',
  });
  await openPublicity(deps, reviewer, {
    publicityId: `pub-${label}-${n}`,
    trancheIds: [t.result.trancheId],
    startsOn: '2023-03-11',
    endsOn: '2023-03-17',
  });
  await verifyPayeeAccount(deps, reviewer, {
    accountId: `acc-${label}-${n}`,
    payeeKind: 'enterprise',
    payeeId: enterpriseId,
    accountName: name,
    accountNumber: `62220202001122${String(n).padStart(5, '0')}`,
    bankName: '中国工商银行大同分行',
    bankCode: '102162000023',
    verifiedOn: '2023-03-15',
  });
  return { trancheId: t.result.trancheId, applicationId, enterpriseId };
}
