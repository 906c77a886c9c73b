import { createHash } from 'node:crypto';
import {
  applicationIdOfTranche,
  checkDisbursement,
  decideRecordDisbursement,
  decideUseBankReference,
  notFound,
  PublicityForPayment,
  publicityForPayment,
  SeatApplicationState,
  streams,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { bankReferenceFold, publicityFold, seatApplicationFold } from '../stream-decider';
import { enterpriseStanding } from './tranche-approval.process';

export interface DisbursementInput {
  disbursementId: string;
  trancheId: string;
  paidOn: string;
  amountFen: number;
  bankRef: string;
}

/** Bank references are keyed by a hash so that any text a bank uses makes a safe stream name. */
export const bankRefKey = (bankRef: string) =>
  createHash('sha256').update(bankRef, 'utf8').digest('hex').slice(0, 40);

async function publicityOf(deps: LedgerDeps, app: SeatApplicationState, trancheId: string) {
  const publicityId = app.tranches.get(trancheId)?.publicity?.publicityId;
  if (!publicityId) return undefined;
  const { state } = await loadStream(deps.store, streams.publicity(publicityId), publicityFold);
  return publicityForPayment(state, trancheId);
}

/**
 * RecordDisbursement (R-PAY): check everything on the tranche first, then claim
 * the bank reference on its own stream, then record the payment. A crash
 * between the last two leaves a claimed reference that the same request,
 * retried, resumes (bank-reference.decider.ts). Both checks read the
 * enterprise stream: a suspended enterprise (R-FRAUD) is not paid (423).
 */
export async function recordDisbursement(
  deps: LedgerDeps,
  ctx: CommandContext,
  input: DisbursementInput,
): Promise<Written<{ disbursementId: string }>> {
  const applicationId = applicationIdOfTranche(input.trancheId);
  if (!applicationId) throw notFound(`tranche ${input.trancheId}`);
  const appStream = streams.seatApplication(applicationId);
  const policy = deps.policies.inForceOn(input.paidOn);
  const cmd = { ...input, paidBy: ctx.actorId };

  const { state: app } = await loadStream(deps.store, appStream, seatApplicationFold);
  const publicity: PublicityForPayment | undefined = await publicityOf(deps, app, input.trancheId);
  const standing = await enterpriseStanding(deps, app.enterpriseId);
  const t = checkDisbursement(app, cmd, publicity, policy, standing);

  const claimed = await runOnStream(
    deps.store,
    streams.bankReference(bankRefKey(input.bankRef)),
    bankReferenceFold,
    (s) => {
      const d = decideUseBankReference(
        s,
        {
          bankRef: input.bankRef,
          disbursementId: input.disbursementId,
          trancheId: input.trancheId,
          amountFen: input.amountFen,
          paidOn: input.paidOn,
        },
        t.disbursement?.disbursementId,
      );
      return d.events;
    },
    () => metadataFor(ctx, input.paidOn, policy.id),
  );
  const disbursementId = claimed.state.used?.disbursementId ?? input.disbursementId;

  // Read the notice again: an objection may have been raised or upheld since the check.
  const publicityNow = await publicityOf(deps, app, input.trancheId);
  const paid = await runOnStream(
    deps.store,
    appStream,
    seatApplicationFold,
    async (s) => {
      // The state may have moved on since the check (an objection, another payment,
      // a suspension): decide again on it.
      const standingNow = await enterpriseStanding(deps, s.enterpriseId);
      return decideRecordDisbursement(
        s,
        { ...cmd, disbursementId },
        publicityNow,
        policy,
        standingNow,
      );
    },
    () => metadataFor(ctx, input.paidOn, policy.id),
  );
  return { result: { disbursementId }, position: laterPosition(claimed.position, paid.position) };
}
