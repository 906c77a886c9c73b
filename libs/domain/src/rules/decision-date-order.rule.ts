import { BusinessDate } from '../shared/business-date';
import { Refusal, refuse } from './refusal';

/** The decisions RULES.md "Dates of a decision" orders after the fact each rests on. */
export type DatedDecision = 'review' | 'tranche' | 'publicity' | 'payment' | 'finding' | 'return';

interface DateOrder {
  /** A payment rests on a notice that has *ended*: its last day is still inside the notice. */
  strictlyAfter: boolean;
  reason: (decidedOn: BusinessDate, factOn: BusinessDate, subject: string) => string;
}

const ORDER: Readonly<Record<DatedDecision, DateOrder>> = {
  review: {
    strictlyAfter: false,
    reason: (d, f, s) => `a review on ${d} cannot predate the submission of ${s} (${f})`,
  },
  tranche: {
    strictlyAfter: false,
    reason: (d, f, s) =>
      `${s} decided on ${d} cannot predate the review of the claims it pays (${f})`,
  },
  publicity: {
    strictlyAfter: false,
    reason: (d, f, s) => `a notice starting ${d} cannot predate the approval of ${s} (${f})`,
  },
  payment: {
    strictlyAfter: true,
    reason: (d, f, s) => `a payment on ${d} must come after ${s} ended (its last day was ${f})`,
  },
  finding: {
    strictlyAfter: false,
    reason: (d, f, s) => `a finding on ${d} cannot predate the opening of ${s} (${f})`,
  },
  // A bank may send a payment back the day it was booked.
  return: {
    strictlyAfter: false,
    reason: (d, f, s) => `a return on ${d} cannot predate ${s} (paid on ${f})`,
  },
};

/**
 * R-DATE: a decision's business date is never earlier than the facts it rests
 * on (a review after the submission, a tranche after the review of its claims,
 * a notice after its tranche, a payment after the notice ended, a finding
 * after the case was opened). Business dates may be entered late, so the
 * order of recording proves nothing: only the dates are compared. `subject`
 * names what the fact belongs to, for the reason ("application A", "case C").
 */
export function decisionDateOrderRule(
  decision: DatedDecision,
  decidedOn: BusinessDate,
  factOn: BusinessDate | undefined,
  subject: string,
): Refusal | undefined {
  if (factOn === undefined) return undefined;
  const order = ORDER[decision];
  const inOrder = order.strictlyAfter ? decidedOn > factOn : decidedOn >= factOn;
  if (inOrder) return undefined;
  return refuse('R-DATE', order.reason(decidedOn, factOn, subject));
}
