import { BusinessDate, isWithin } from '../shared/business-date';
import { PolicyVersion } from '../policy/policy-version';

/**
 * R-SEAT-2 (Annex 1 §1(一)2): an enterprise's first application made during
 * the trial year needs fewer qualifying months for its first tranche.
 * `priorApplications` counts the enterprise's applications registered before
 * this one, so the answer does not depend on which process asked first.
 */
export function firstTrancheMonthsRequired(
  submittedOn: BusinessDate,
  priorApplications: number,
  policy: PolicyVersion,
): number {
  const firstInTrial =
    priorApplications === 0 && isWithin(submittedOn, policy.trialFrom, policy.trialTo);
  return firstInTrial
    ? policy.seat.firstTrancheMonthsTrialFirstApplication
    : policy.seat.firstTrancheMonths;
}
