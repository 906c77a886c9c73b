import { Refusal, refuse } from './refusal';

/**
 * What the suspension rule needs to know of an enterprise: the open cases
 * that suspended it (empty when it may be paid). Folded from
 * `enterprise-{creditCode}` (`standingOf` in enterprise.decider.ts).
 */
export interface EnterpriseStanding {
  enterpriseId: string;
  /** Cases whose suspension is in force, oldest first. */
  suspendedByCaseIds: readonly string[];
}

export const goodStanding = (enterpriseId: string): EnterpriseStanding => ({
  enterpriseId,
  suspendedByCaseIds: [],
});

/**
 * R-FRAUD (Art. 11 "suspend other special funds"): while a case has suspended
 * an enterprise, no tranche of any of its programmes is approved or paid. The
 * API answers 423 (LedgerError kind `suspended`). **Interpretation:** the
 * suspension is a state of the enterprise, not a period of business dates: a
 * payment recorded late with a date before the suspension is refused too,
 * because the city stops acting while the case is open.
 */
export function enterpriseSuspensionRule(
  standing: EnterpriseStanding,
  action: 'approve tranches' | 'record payments' | 'apply for site subsidies',
): Refusal | undefined {
  if (standing.suspendedByCaseIds.length === 0) return undefined;
  return refuse(
    'R-FRAUD',
    `enterprise ${standing.enterpriseId} is suspended by case ${standing.suspendedByCaseIds.join(', ')}; ` +
      `no one may ${action} for it until the case is closed`,
  );
}
