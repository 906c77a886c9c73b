import { BusinessDate } from '../shared/business-date';
import { Refusal, refuse } from './refusal';

/** One standing check a reviewer recorded (信用中国, the market-regulation register, …). */
export interface StandingCheck {
  checkId: string;
  checkedOn: BusinessDate;
  normalOperation: boolean;
  badCreditRecord: boolean;
  source: string;
}

/**
 * The check that governs a date: the latest on or before it; of two on the
 * same day the later recorded wins, so a reviewer corrects a check by
 * recording another. `checks` are in the order they were recorded.
 */
export function latestStandingCheckOn(
  checks: readonly StandingCheck[],
  date: BusinessDate,
): StandingCheck | undefined {
  let found: StandingCheck | undefined;
  for (const c of checks) {
    if (c.checkedOn <= date && (!found || c.checkedOn >= found.checkedOn)) found = c;
  }
  return found;
}

/**
 * R-SITE-COND (Annex 1 §2): every site subsidy needs the enterprise in normal
 * operation with no bad credit record. A tranche is approved only when the
 * check governing its decision date shows both; with no check at all the
 * ledger cannot know, so it refuses too.
 */
export function siteConditionsRule(
  latest: StandingCheck | undefined,
  decidedOn: BusinessDate,
): Refusal | undefined {
  if (!latest) {
    return refuse('R-SITE-COND', `no standing check of the enterprise on or before ${decidedOn}`);
  }
  const problems = [
    ...(latest.normalOperation ? [] : ['the enterprise not in normal operation']),
    ...(latest.badCreditRecord ? ['a bad credit record'] : []),
  ];
  if (problems.length === 0) return undefined;
  return refuse(
    'R-SITE-COND',
    `the latest standing check on or before ${decidedOn} (${latest.checkedOn}, ${latest.source}) shows ${problems.join(' and ')}`,
  );
}
