import { BusinessDate } from '../shared/business-date';
import { Refusal, refuse } from './refusal';

/**
 * R-PAY: a payment the bank sent back (退票) keeps its id, and a new payment
 * of the tranche takes a new one. The same id again is that transfer seen
 * again — a statement imported again after a crash that had recorded both
 * the payment and its return, a retried request — not money sent a second
 * time; refused before anything is written (ADR 0021).
 */
export function returnedPaymentIdRule(
  returned: readonly { disbursementId: string; returnedOn: BusinessDate }[] | undefined,
  disbursementId: string,
): Refusal | undefined {
  const back = returned?.find((r) => r.disbursementId === disbursementId);
  if (!back) return undefined;
  return refuse(
    'R-PAY',
    `payment ${disbursementId} came back on ${back.returnedOn}; a new payment of the tranche needs a new id`,
  );
}
