import { Refusal, refuse } from './refusal';

/**
 * R-FRAUD: a case that recorded findings found something false, so it closes
 * upheld; "dismissed" is for a case that found nothing. (Art. 13: the outcome
 * feeds the enterprise's performance record, so it must say what happened.)
 */
export function caseOutcomeRule(
  outcome: 'upheld' | 'dismissed',
  findingCount: number,
): Refusal | undefined {
  if (outcome === 'dismissed' && findingCount > 0) {
    return refuse(
      'R-FRAUD',
      `the case recorded ${findingCount} finding(s) of false claims; it closes upheld, not dismissed`,
    );
  }
  return undefined;
}
