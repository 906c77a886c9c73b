import { BusinessDate } from '../shared/business-date';
import { conflict, invalidInput, notFound } from '../shared/ledger-error';
import type { EnterpriseState } from './enterprise.decider';
import { EnterpriseEvent } from './enterprise.events';

export interface RecordStandingCheckCommand {
  enterpriseId: string;
  checkId: string;
  checkedOn: BusinessDate;
  normalOperation: boolean;
  badCreditRecord: boolean;
  source: string;
  checkedBy: string;
}

/**
 * R-SITE-COND: a reviewer records what a check of the enterprise's standing
 * showed. A check is never changed: a later check (or one recorded later on
 * the same day) replaces it from its date, so a site tranche decided earlier
 * keeps the check it relied on.
 */
export function decideRecordStandingCheck(
  state: EnterpriseState,
  cmd: RecordStandingCheckCommand,
): EnterpriseEvent[] {
  if (!state.registered) throw notFound(`enterprise ${cmd.enterpriseId}`);
  if (state.standingChecks.some((c) => c.checkId === cmd.checkId)) {
    throw conflict(`standing check ${cmd.checkId} already exists`);
  }
  if (!cmd.source.trim()) throw invalidInput('source', 'must name where the check was made');
  return [{ type: 'StandingChecked', data: { ...cmd } }];
}
