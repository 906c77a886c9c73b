import { BusinessDate } from '../shared/business-date';
import { conflict } from '../shared/ledger-error';
import { Fen } from '../shared/money';

/**
 * `bank-reference-{hash}`: one stream per bank reference, so "a payment is
 * recorded once" (R-PAY) is an append with expected revision `no_stream`,
 * on every backend, with no global index to keep consistent.
 */
export type BankReferenceEvent = {
  type: 'BankReferenceUsed';
  data: {
    bankRef: string;
    disbursementId: string;
    trancheId: string;
    amountFen: Fen;
    paidOn: BusinessDate;
  };
};

export interface BankReferenceState {
  used?: BankReferenceEvent['data'];
}

export function evolveBankReference(
  state: BankReferenceState,
  event: BankReferenceEvent,
): BankReferenceState {
  return event.type === 'BankReferenceUsed' ? { used: event.data } : state;
}

/**
 * Claim the reference for a payment. A reference already claimed for the same
 * tranche, amount and date but never recorded on the tranche (a crash between
 * the two appends) is resumed with its first disbursement id instead of refused.
 */
export function decideUseBankReference(
  state: BankReferenceState,
  cmd: BankReferenceEvent['data'],
  trancheAlreadyPaidWith: string | undefined,
): { events: BankReferenceEvent[]; disbursementId: string } {
  const used = state.used;
  if (!used)
    return {
      events: [{ type: 'BankReferenceUsed', data: cmd }],
      disbursementId: cmd.disbursementId,
    };
  const sameClaim =
    used.trancheId === cmd.trancheId &&
    used.amountFen === cmd.amountFen &&
    used.paidOn === cmd.paidOn;
  if (sameClaim && trancheAlreadyPaidWith === undefined)
    return { events: [], disbursementId: used.disbursementId };
  throw conflict(`bank reference ${cmd.bankRef} is already recorded for another payment`, {
    rule: 'R-PAY',
  });
}
