import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';

/** A payment's use of a reference (R-PAY). */
// Type aliases, not interfaces: event data must be assignable to a plain record.
export type PaymentUse = {
  /** Absent on uses written before recoveries shared the namespace: they are payments. */
  kind?: 'payment';
  bankRef: string;
  disbursementId: string;
  trancheId: string;
  amountFen: Fen;
  paidOn: BusinessDate;
  /**
   * Since issue #12 a use is a process (ADR 0002), ended by
   * `BankReferenceConfirmed` or `BankReferenceReleased`; it is the
   * disbursement id. Absent on older uses, which end with their claim.
   */
  processId?: string;
  /** The finance actor, so that recovery records the payment as theirs (R-SOD). */
  paidBy?: string;
};

/** A recovery's use of a reference (R-FRAUD): one incoming transfer is counted once. */
export type RecoveryUse = {
  kind: 'recovery';
  bankRef: string;
  /** The recovery id. */
  processId: string;
  recoveryId: string;
  caseId: string;
  amountFen: Fen;
  receivedOn: BusinessDate;
  recordedBy: string;
};

/**
 * A return's use of a reference (退票, issue #14): the bank's reference of the
 * transfer that came back is counted once, like every other transfer.
 */
export type ReturnUse = {
  kind: 'return';
  bankRef: string;
  /** `{disbursementId}:return`: a payment comes back once. */
  processId: string;
  disbursementId: string;
  trancheId: string;
  amountFen: Fen;
  returnedOn: BusinessDate;
  reason: string;
  returnedBy: string;
};

export type BankReferenceUse = PaymentUse | RecoveryUse | ReturnUse;
export type BankReferenceKind = 'payment' | 'recovery' | 'return';

export const returnProcessIdOf = (disbursementId: string) => `${disbursementId}:return`;

/**
 * `bank-reference-{hash}`: one stream per bank reference, shared by payments
 * and recoveries, so "recorded once" (R-PAY, R-FRAUD) is an append with an
 * expected revision on every backend, with no global index to keep
 * consistent. A use is claimed first, then settled: confirmed once its
 * payment or recovery is recorded, released when that was refused (a payment
 * that lost a race to another payment of the same tranche), after which the
 * reference may be used again.
 */
export type BankReferenceEvent =
  | { type: 'BankReferenceUsed'; data: BankReferenceUse }
  | {
      type: 'BankReferenceConfirmed';
      data: { bankRef: string; processId: string; kind: BankReferenceKind };
    }
  | {
      type: 'BankReferenceReleased';
      data: { bankRef: string; processId: string; kind: BankReferenceKind; reason: string };
    };

export const BANK_REFERENCE_EVENT_TYPES: readonly BankReferenceEvent['type'][] = [
  'BankReferenceUsed',
  'BankReferenceConfirmed',
  'BankReferenceReleased',
];
