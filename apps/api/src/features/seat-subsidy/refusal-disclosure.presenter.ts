import { DisclosableOutcome, refusalForApplicant } from '@ledger/domain';
import { Actor } from '../../platform/auth/actor';

/**
 * R-SEAT-6 (RULES.md "Segregation of duties"): an applicant is told that
 * months are claimed by another enterprise, never which one or by which
 * claim; reviewers and supervisors see the claims it conflicts with. Used for
 * the answers of submission and evidence and for the application view.
 */
export function shownTo<T extends DisclosableOutcome>(
  actor: Actor,
  enterpriseId: string,
  outcomes: readonly T[],
): T[] {
  if (actor.role !== 'applicant') return [...outcomes];
  return outcomes.map((o) => refusalForApplicant(o, enterpriseId));
}
