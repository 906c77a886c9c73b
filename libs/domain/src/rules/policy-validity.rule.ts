import { BusinessDate } from '../shared/business-date';
import { PolicyVersion } from '../policy/policy-version';
import { Refusal, refuse } from './refusal';

/** What a new application or recognition is, for the reason of a refusal. */
export type NewApplicationKind =
  'seat application' | 'site application' | 'effective-seat recognition' | 'internship application';

/**
 * R-POL: a new seat or site application, or an effective-seat recognition,
 * is accepted only on a date inside the validity (`validFrom` to `validTo`,
 * both inclusive) of the version that decides it. What was accepted in time
 * keeps its schedule under that version: later tranches, lease and purchase
 * years are not checked here.
 */
export function policyValidityRule(
  policy: Pick<PolicyVersion, 'id' | 'validFrom' | 'validTo'>,
  date: BusinessDate,
  kind: NewApplicationKind,
): Refusal | undefined {
  if (policy.validFrom <= date && date <= policy.validTo) return undefined;
  return refuse(
    'R-POL',
    `no policy version is in force on ${date} for a new ${kind} (${policy.id} is valid from ${policy.validFrom} to ${policy.validTo})`,
  );
}

/**
 * R-POL: an internship application is governed by the version in force on
 * 1 January of its cohort year, whenever it is filed (retention shows only
 * months after the year).
 */
export const cohortYearStartOf = (year: number): BusinessDate =>
  `${String(year).padStart(4, '0')}-01-01`;
