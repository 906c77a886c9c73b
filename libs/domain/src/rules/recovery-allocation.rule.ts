import { BusinessDate } from '../shared/business-date';
import { Fen, sumFen } from '../shared/money';
import { Refusal, refuse } from './refusal';

/** One amount due back on a case, and what has come back of it so far. */
export interface ClawbackBalance {
  clawbackId: string;
  claimId: string;
  disbursementId: string;
  /** When the payment it reverses was made: the allocation order. */
  paidOn: BusinessDate;
  /** When it became due (the finding's date). */
  assessedOn: BusinessDate;
  amountFen: Fen;
  recoveredFen: Fen;
  /** The balance programme of a site or internship clawback; absent for the seat subsidy. */
  programme?: string;
}

export interface RecoveryAllocation {
  clawbackId: string;
  /** The false claim, or the false tranche of a site or internship clawback. */
  claimId: string;
  disbursementId: string;
  amountFen: Fen;
  /** As on the clawback: absent for the seat subsidy (and on every allocation before sites). */
  programme?: string;
}

export type RecoveryAllocationDecision =
  { allocations: RecoveryAllocation[] } | { refusal: Refusal; outstandingFen: Fen };

export const outstandingOf = (c: ClawbackBalance): Fen => c.amountFen - c.recoveredFen;

/**
 * R-FRAUD: money coming back repays the case's clawbacks (seat claims, site
 * and internship tranches alike) **oldest payment
 * first** (by payment date; payments of one date in the order the findings
 * listed them, which is the order `clawbacks` comes in). Only what was due on
 * the day the money came in can be repaid by it, and a case is never overpaid:
 * more than is outstanding is refused and nothing is written (ADR 0005).
 */
export function recoveryAllocationRule(
  clawbacks: readonly ClawbackBalance[],
  amountFen: Fen,
  receivedOn: BusinessDate,
): RecoveryAllocationDecision {
  const due = clawbacks
    .map((c, order) => ({ c, order }))
    .filter(({ c }) => c.assessedOn <= receivedOn && outstandingOf(c) > 0)
    .sort((a, b) =>
      a.c.paidOn < b.c.paidOn ? -1 : a.c.paidOn > b.c.paidOn ? 1 : a.order - b.order,
    )
    .map(({ c }) => c);
  const outstandingFen = sumFen(due.map(outstandingOf));
  if (amountFen <= 0) {
    return { refusal: refuse('R-FRAUD', 'a recovery must bring some money back'), outstandingFen };
  }
  if (amountFen > outstandingFen) {
    return {
      refusal: refuse(
        'R-FRAUD',
        `${amountFen} fen is more than the ${outstandingFen} fen outstanding on this case on ${receivedOn}`,
      ),
      outstandingFen,
    };
  }
  const allocations: RecoveryAllocation[] = [];
  let leftFen = amountFen;
  for (const c of due) {
    if (leftFen === 0) break;
    const share = Math.min(leftFen, outstandingOf(c));
    allocations.push({
      clawbackId: c.clawbackId,
      claimId: c.claimId,
      disbursementId: c.disbursementId,
      amountFen: share,
      ...(c.programme === undefined ? {} : { programme: c.programme }),
    });
    leftFen -= share;
  }
  return { allocations };
}
