import { Month } from '../shared/business-date';

/** The parts of an outcome that may name another claim (a submission, evidence, a claim view). */
export interface DisclosableOutcome {
  rule?: string;
  reason?: string;
  conflictsWith?: { claimId: string; enterpriseId: string; months: Month[] }[];
}

/**
 * R-SEAT-6 and RULES.md "Segregation of duties": a refusal never tells an
 * applicant anything about another enterprise. Conflicts with claims of other
 * enterprises are left out and the reason says only that the months are
 * "claimed by another enterprise"; conflicts with the applicant's own claims
 * stay. Reviewers and supervisors see the outcome whole (the API decides who
 * sees what). Pure: returns a new object.
 */
export function refusalForApplicant<T extends DisclosableOutcome>(
  outcome: T,
  applicantEnterpriseId: string,
): T {
  const conflicts = outcome.conflictsWith;
  if (!conflicts || conflicts.length === 0) return outcome;
  const foreign = conflicts.filter((c) => c.enterpriseId !== applicantEnterpriseId);
  if (foreign.length === 0) return outcome;
  const months = [...new Set(foreign.flatMap((c) => c.months))].sort();
  const own = conflicts.filter((c) => c.enterpriseId === applicantEnterpriseId);
  const { conflictsWith: _named, ...rest } = outcome;
  return {
    ...rest,
    reason: `months ${months.join(', ')} are claimed by another enterprise`,
    ...(own.length > 0 ? { conflictsWith: own } : {}),
  } as T;
}
