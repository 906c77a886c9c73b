import { PolicyVersion } from '../policy/policy-version';
import { Refusal, refuse } from './refusal';

/**
 * R-SEAT-3 (interpretation in RULES.md): tranche k needs the claim's evidence
 * to reach m1 + 6·(k−1) qualifying months, m1 being what the first tranche needed.
 */
export function monthsRequiredForTranche(
  tranche: number,
  firstTrancheMonths: number,
  policy: PolicyVersion,
): number {
  return firstTrancheMonths + policy.seat.monthsPerLaterTranche * (tranche - 1);
}

/** R-SEAT-2 for the first tranche, R-SEAT-3 for the later ones. */
export function trancheMonthsRule(
  tranche: number,
  qualifyingMonthCount: number,
  firstTrancheMonths: number,
  policy: PolicyVersion,
): Refusal | undefined {
  const needed = monthsRequiredForTranche(tranche, firstTrancheMonths, policy);
  if (qualifyingMonthCount >= needed) return undefined;
  return refuse(
    tranche === 1 ? 'R-SEAT-2' : 'R-SEAT-3',
    `tranche ${tranche} needs ${needed} months of wages and insurance; the claim shows ${qualifyingMonthCount}`,
  );
}
