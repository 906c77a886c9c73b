import { Fen } from '../shared/money';
import { Refusal, refuse } from './refusal';

/** R-PAY: a payment matches the approved tranche amount exactly. */
export function paymentAmountRule(amountFen: Fen, trancheAmountFen: Fen): Refusal | undefined {
  if (amountFen === trancheAmountFen) return undefined;
  return refuse('R-PAY', `the payment is ${amountFen} fen; the tranche is ${trancheAmountFen} fen`);
}
