import { BusinessDate } from '../shared/business-date';
import {
  conflict,
  invalidInput,
  notFound,
  ruleConflict,
  ruleViolation,
} from '../shared/ledger-error';
import { Fen } from '../shared/money';
import { fiscalYearOf } from '../budget/budget.events';
import { decisionDateOrderRule } from '../rules/decision-date-order.rule';

/**
 * What every programme's `…DisbursementReturned` event carries (issue #14,
 * 退票): the same fields for seat, site and internship, so that reports and
 * read models key on one shape. Each programme adds the payee it names on
 * its payment event (enterprise or school), as its `…Disbursed` event does.
 */
// A type alias, not an interface: event data must be assignable to a plain record.
export type DisbursementReturnedData = {
  trancheId: string;
  disbursementId: string;
  amountFen: Fen;
  returnedOn: BusinessDate;
  bankRef: string;
  reason: string;
  returnedBy: string;
  /**
   * The day the payment that came back was made (ADR 0021: a return of an
   * earlier fiscal year's payment is not counted against this year's paid).
   * Absent on returns recorded before it was written: read as the same year.
   */
  paidOn?: BusinessDate;
};

/**
 * Whether a return (退票) came back in a later fiscal year than its payment
 * was made: budget execution then keeps the payment in its year (that year's
 * report does not change after it was closed) and shows the money as a
 * return of an earlier year's payment in the year it came back (以前年度支出收回),
 * never as negative spending of that year (ADR 0021).
 */
export const isEarlierYearReturn = (d: { paidOn?: BusinessDate; returnedOn: BusinessDate }) =>
  d.paidOn !== undefined && fiscalYearOf(d.paidOn) !== fiscalYearOf(d.returnedOn);

/** A payment the bank sent back: the tranche it paid is payable again. */
export interface ReturnedPayment {
  disbursementId: string;
  paidOn: BusinessDate;
  amountFen: Fen;
  returnedOn: BusinessDate;
  bankRef: string;
}

/** The part of any programme's tranche a return reads and changes. */
export interface ReturnableTranche {
  trancheId: string;
  disbursement?: { disbursementId: string; paidOn: BusinessDate; amountFen: Fen; bankRef: string };
  /** Payments of this tranche that came back, oldest first. */
  returned?: ReturnedPayment[];
}

export interface ReturnDisbursementCommand {
  disbursementId: string;
  trancheId: string;
  returnedOn: BusinessDate;
  bankRef: string;
  reason: string;
  returnedBy: string;
}

/**
 * R-PAY for a return (退票): only the payment the tranche is paid with now
 * can come back, once (409 when it already did), not before the day it was
 * paid (R-DATE), and not once a finding made it due back (R-FRAUD: the
 * money is then owed by the payee, the bank did not send it back). Returns
 * the data of the `…DisbursementReturned` event.
 */
export function checkDisbursementReturn(
  t: ReturnableTranche | undefined,
  cmd: ReturnDisbursementCommand,
  dueBack: boolean,
): DisbursementReturnedData {
  const earlier = t?.returned?.find((r) => r.disbursementId === cmd.disbursementId);
  if (earlier) {
    throw conflict(
      `disbursement ${cmd.disbursementId} was already returned on ${earlier.returnedOn}`,
      { rule: 'R-PAY', disbursementId: cmd.disbursementId },
    );
  }
  const paid = t?.disbursement;
  if (!t || paid?.disbursementId !== cmd.disbursementId) {
    throw notFound(`disbursement ${cmd.disbursementId}`);
  }
  if (!cmd.reason.trim()) throw invalidInput('reason', 'must not be empty');
  const date = decisionDateOrderRule(
    'return',
    cmd.returnedOn,
    paid.paidOn,
    `disbursement ${cmd.disbursementId}`,
  );
  if (date) throw ruleViolation(date.rule, date.reason);
  if (dueBack) {
    throw ruleConflict(
      'R-FRAUD',
      `disbursement ${cmd.disbursementId} is due back by a finding; record a recovery, not a return`,
    );
  }
  return {
    trancheId: t.trancheId,
    disbursementId: cmd.disbursementId,
    amountFen: paid.amountFen,
    returnedOn: cmd.returnedOn,
    bankRef: cmd.bankRef,
    reason: cmd.reason,
    returnedBy: cmd.returnedBy,
    paidOn: paid.paidOn,
  };
}

/** The tranche once its payment came back: unpaid again, the return remembered. */
export function applyDisbursementReturned(
  t: ReturnableTranche,
  d: Pick<DisbursementReturnedData, 'disbursementId' | 'returnedOn' | 'bankRef'>,
): void {
  const paid = t.disbursement;
  if (!paid || paid.disbursementId !== d.disbursementId) return;
  t.returned = [
    ...(t.returned ?? []),
    {
      disbursementId: paid.disbursementId,
      paidOn: paid.paidOn,
      amountFen: paid.amountFen,
      returnedOn: d.returnedOn,
      bankRef: d.bankRef,
    },
  ];
  delete t.disbursement;
}
