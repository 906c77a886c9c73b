import { LedgerError, PaymentUse } from '@ledger/domain';
import { CommandContext } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { clearTranche } from '../standing/tranche-clearance';
import { laterPosition } from '../stream-command';
import { claimBankReference, settleBankReference } from './bank-reference.process';
import { payInOneAppend } from './disbursement-in-one.process';

import { DisbursementInput, paymentUseOf, TranchePayment, tranchePayment } from './tranche-payment';

export { DisbursementInput, TranchePayment, tranchePayment };

/**
 * RecordDisbursement (R-PAY) for every programme, a process on the bank
 * reference (ADR 0002, issue #12): check everything on the tranche first
 * (R-FRAUD suspension of the payee, enterprise or school, R-SOD, R-PUB,
 * R-PAY, and R-SEAT-4 for a seat), then clear the payment on the payee's
 * stream (ADR 0014: a suspension after this revokes it, so the payment is
 * refused rather than recorded after the suspension), claim the reference on
 * its own stream, record the payment (deciding again on the tranche as it is
 * then), and settle the claim: confirmed when the payment was recorded,
 * released when it was refused, so a payment that lost the race to another
 * payment of its tranche (or to a suspension) leaves its reference free. A
 * crash before the settlement leaves the claim open; the same request retried
 * (bank-reference.decider.ts) or recovery (`finishPaymentUse`) finishes it.
 * A seat payment on the embedded store writes all four in one append when
 * nothing moved since its check (disbursement-in-one.process.ts).
 */
export async function recordDisbursement(
  deps: LedgerDeps,
  ctx: CommandContext,
  input: DisbursementInput,
): Promise<Written<{ disbursementId: string }>> {
  const payment = tranchePayment(deps, ctx, { ...input, paidBy: ctx.actorId });
  const { paidWith } = await payment.check();
  // All four writes in one append when the store can; else (or when anything
  // moved since the check) step by step below, on fresh reads.
  const inOne = await payInOneAppend(deps, ctx, input, payment, paidWith);
  if (inOne) return inOne;
  const { clearanceId } = await clearTranche(
    deps,
    ctx,
    payment.party(),
    { action: 'pay', trancheId: input.trancheId, on: input.paidOn },
    payment.takePartyRead(),
  );

  const claimed = await claimBankReference(
    deps,
    ctx,
    paymentUseOf(input, ctx.actorId),
    paidWith,
    payment.policyVersion,
  );
  const use = claimed.use as PaymentUse;
  const paid = await payAndSettle(deps, ctx, payment, use, clearanceId);
  if (paid.refusal) throw paid.refusal;
  return {
    result: { disbursementId: use.disbursementId },
    position: laterPosition(claimed.position, paid.position),
  };
}

/** Records the payment a claim backs, then settles the claim with the outcome. */
async function payAndSettle(
  deps: LedgerDeps,
  ctx: CommandContext,
  payment: TranchePayment,
  use: PaymentUse,
  clearanceId: string,
): Promise<{ position: number | undefined; refusal?: LedgerError }> {
  let position: number | undefined;
  try {
    // Read the notice again: an objection may have been raised or upheld since the check.
    position = await payment.record(use.disbursementId, await payment.publicityNow(), clearanceId);
  } catch (err) {
    if (!(err instanceof LedgerError)) throw err; // not decided: the claim stays open for recovery
    const settled = await settleRefused(deps, ctx, payment, use, err.message);
    return { position: settled, refusal: err };
  }
  const settled = await settleBankReference(deps, ctx, use, true, '');
  return { position: laterPosition(position, settled) };
}

/**
 * A refusal releases the reference unless the tranche is paid with this very
 * disbursement (the same transfer sent twice, the other copy recorded it).
 */
async function settleRefused(
  deps: LedgerDeps,
  ctx: CommandContext,
  payment: TranchePayment,
  use: PaymentUse,
  reason: string,
): Promise<number | undefined> {
  const recorded = (await payment.paidWith()) === use.disbursementId;
  return settleBankReference(deps, ctx, use, recorded, reason);
}

/**
 * Recovery of a payment claim left open by a crash (ADR 0002): the same
 * checks and the same payment as the request, as the finance actor who sent
 * it (R-SOD), then the settlement. A tranche paid by another payment, or one
 * that can no longer be paid, releases the reference.
 */
export async function finishPaymentUse(
  deps: LedgerDeps,
  ctx: CommandContext,
  use: PaymentUse,
): Promise<Written<{ disbursementId: string }>> {
  const result = { disbursementId: use.disbursementId };
  const payment = tranchePayment(deps, ctx, {
    disbursementId: use.disbursementId,
    trancheId: use.trancheId,
    paidOn: use.paidOn,
    amountFen: use.amountFen,
    bankRef: use.bankRef,
    paidBy: use.paidBy ?? ctx.actorId,
  });
  // A new clearance on the payee's stream: one taken before the crash may
  // have been revoked by a suspension since (ADR 0014).
  let clearanceId: string;
  try {
    await payment.check();
    ({ clearanceId } = await clearTranche(deps, ctx, payment.party(), {
      action: 'pay',
      trancheId: use.trancheId,
      on: use.paidOn,
    }));
  } catch (err) {
    if (!(err instanceof LedgerError)) throw err;
    return { result, position: await settleRefused(deps, ctx, payment, use, err.message) };
  }
  const paid = await payAndSettle(deps, ctx, payment, use, clearanceId);
  return { result, position: paid.position };
}
