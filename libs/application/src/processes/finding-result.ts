import { BusinessDate, FalseClaimOutcome, FalseTrancheOutcome } from '@ledger/domain';

/** What a finding did, as `RecordFinding` answers it (R-FRAUD). */
export interface FindingResult {
  findingId: string;
  /** Paid amounts now due back: one per claim and payment, one per false tranche paid. */
  clawbacks: { claimId?: string; trancheId: string; disbursementId: string; amountFen: number }[];
  /** Approved, unpaid amounts cancelled (a claim's cap reservations released at once). */
  cancelled: { claimId?: string; trancheId: string; amountFen: number }[];
  clawbackDueFen: number;
  cancelledFen: number;
  /** Claims or tranches another case's finding had already named false: nothing was done to them here. */
  alreadyFalse: { claimId?: string; trancheId?: string; caseId: string }[];
  /** The party is suspended by the case from the finding on (R-FRAUD amended). */
  suspended: boolean;
}

export function findingResultOf(
  findingId: string,
  claims: readonly FalseClaimOutcome[],
  tranches: readonly FalseTrancheOutcome[],
  suspended: boolean,
): FindingResult {
  const result: FindingResult = {
    findingId,
    clawbacks: [],
    cancelled: [],
    clawbackDueFen: 0,
    cancelledFen: 0,
    alreadyFalse: [],
    suspended,
  };
  for (const claim of claims) {
    if (claim.status === 'alreadyFalse') {
      result.alreadyFalse.push({ claimId: claim.claimId, caseId: claim.foundFalseBy.caseId });
      continue;
    }
    for (const t of claim.tranches) {
      if (t.payment) {
        result.clawbacks.push({
          claimId: claim.claimId,
          trancheId: t.trancheId,
          disbursementId: t.payment.disbursementId,
          amountFen: t.payment.amountFen,
        });
        result.clawbackDueFen += t.payment.amountFen;
      }
      if (t.cancelledFen > 0) {
        result.cancelled.push({
          claimId: claim.claimId,
          trancheId: t.trancheId,
          amountFen: t.cancelledFen,
        });
        result.cancelledFen += t.cancelledFen;
      }
    }
  }
  for (const t of tranches) {
    if (t.status === 'alreadyFalse') {
      result.alreadyFalse.push({ trancheId: t.trancheId, caseId: t.foundFalseBy.caseId });
      continue;
    }
    if (t.payment) {
      result.clawbacks.push({
        trancheId: t.trancheId,
        disbursementId: t.payment.disbursementId,
        amountFen: t.payment.amountFen,
      });
      result.clawbackDueFen += t.payment.amountFen;
    }
    if (t.cancelledFen > 0) {
      result.cancelled.push({ trancheId: t.trancheId, amountFen: t.cancelledFen });
      result.cancelledFen += t.cancelledFen;
    }
  }
  return result;
}

/** The day each clawed-back tranche was paid: the budget of that year counted the payment. */
export function clawedBackPaymentDates(
  claims: readonly FalseClaimOutcome[],
  tranches: readonly FalseTrancheOutcome[],
): Map<string, BusinessDate> {
  const paidOn = new Map<string, BusinessDate>();
  for (const claim of claims)
    for (const t of claim.tranches) if (t.payment) paidOn.set(t.trancheId, t.payment.paidOn);
  for (const t of tranches) if (t.payment) paidOn.set(t.trancheId, t.payment.paidOn);
  return paidOn;
}
