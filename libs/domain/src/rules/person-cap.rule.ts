import { Fen, minFen } from '../shared/money';
import { PolicyVersion } from '../policy/policy-version';
import { Refusal, refuse } from './refusal';

export type PersonCapDecision = { amountFen: Fen } | { refusal: Refusal };

/**
 * R-SEAT-5: the seat subsidy attributed to one person, over every employer,
 * never exceeds the cap. A tranche pays the lesser of what it asks and what is
 * left; at the cap it is refused for that person.
 */
export function personCapRule(
  usedFen: Fen,
  requestedFen: Fen,
  policy: PolicyVersion,
): PersonCapDecision {
  const capFen = policy.seat.personCapFen;
  const remainingFen = capFen - usedFen;
  if (remainingFen <= 0) {
    return {
      refusal: refuse(
        'R-SEAT-5',
        `the person has reached the cap of ${capFen} fen across all employers`,
      ),
    };
  }
  return { amountFen: minFen(requestedFen, remainingFen) };
}
