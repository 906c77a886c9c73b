import { Fen } from '../shared/money';
import { Refusal, refuse } from './refusal';

/**
 * R-FRAUD recoveries (issue #14): recovered money is remitted to the
 * treasury (缴库); what is remitted for a fiscal year never exceeds what was
 * recovered in it.
 */
export function remittanceRule(
  recoveredFen: Fen,
  remittedFen: Fen,
  amountFen: Fen,
  fiscalYear: number,
): Refusal | undefined {
  const leftFen = recoveredFen - remittedFen;
  if (amountFen > leftFen) {
    return refuse(
      'R-FRAUD',
      `${leftFen} fen recovered in fiscal year ${fiscalYear} is not yet remitted, ${amountFen} fen asked`,
    );
  }
  return undefined;
}
