import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';

/** One tranche that included a claim, as the claim's application stream knows it. */
export interface ClaimInTranche {
  trancheId: string;
  reservationId: string;
  /** What the tranche approved for this claim. */
  amountFen: Fen;
  /** Taken out earlier (an upheld objection): not part of the false money any more. */
  withdrawn: boolean;
  disbursement?: { disbursementId: string; paidOn: BusinessDate; bankRef: string };
}

export interface ClawbackDecision {
  /** Paid amounts: due back. */
  clawbacks: (ClaimInTranche & {
    disbursement: NonNullable<ClaimInTranche['disbursement']>;
  })[];
  /** Approved, unpaid amounts: cancelled, their cap reservations released at once. */
  cancellations: ClaimInTranche[];
}

/**
 * R-FRAUD: a finding turns each paid amount of a false claim into an amount
 * due back (one clawback per payment) and cancels what was approved and not
 * yet paid. A tranche the claim already left is neither.
 */
export function clawbackRule(tranches: readonly ClaimInTranche[]): ClawbackDecision {
  const decision: ClawbackDecision = { clawbacks: [], cancellations: [] };
  for (const t of tranches) {
    if (t.withdrawn || t.amountFen === 0) continue;
    if (t.disbursement) decision.clawbacks.push({ ...t, disbursement: t.disbursement });
    else decision.cancellations.push(t);
  }
  return decision;
}
