import { Refusal, refuse } from './refusal';

/**
 * What the suspension rule needs to know of an enterprise: the cases whose
 * suspension of it is in force (empty when it may be paid). Folded from
 * `enterprise-{creditCode}` (`standingOf` in enterprise.decider.ts).
 */
export interface EnterpriseStanding {
  enterpriseId: string;
  /** Cases whose suspension is in force, oldest first. */
  suspendedByCaseIds: readonly string[];
}

/** The same for a school (Art. 11 "单位"), folded from `school-{schoolId}` (`schoolStandingOf`). */
export interface SchoolStanding {
  schoolId: string;
  suspendedByCaseIds: readonly string[];
}

/** The party a case is against and whose money the suspension stops. */
export type PartyStanding = EnterpriseStanding | SchoolStanding;

export const goodStanding = (enterpriseId: string): EnterpriseStanding => ({
  enterpriseId,
  suspendedByCaseIds: [],
});

export const goodSchoolStanding = (schoolId: string): SchoolStanding => ({
  schoolId,
  suspendedByCaseIds: [],
});

export const partyNameOf = (standing: PartyStanding): string =>
  'schoolId' in standing ? `school ${standing.schoolId}` : `enterprise ${standing.enterpriseId}`;

export type SuspendedAction = 'approve tranches' | 'record payments' | 'apply for site subsidies';

/**
 * R-FRAUD (Art. 11 "suspend other special funds"): while a case has suspended
 * an enterprise or a school, no tranche of any of its programmes is approved
 * or paid. The API answers 423 (LedgerError kind `suspended`).
 * **Interpretation:** the suspension is a state of the party, not a period of
 * business dates: a payment recorded late with a date before the suspension is
 * refused too, because the city stops acting while the case is open. It lasts
 * until the case is closed and everything due back from the party on it is
 * recovered (RULES.md, amended).
 */
export function enterpriseSuspensionRule(
  standing: PartyStanding,
  action: SuspendedAction,
): Refusal | undefined {
  if (standing.suspendedByCaseIds.length === 0) return undefined;
  return refuse(
    'R-FRAUD',
    `${partyNameOf(standing)} is suspended by case ${standing.suspendedByCaseIds.join(', ')}; ` +
      `no one may ${action} for it until the case is closed and everything due back is recovered`,
  );
}
