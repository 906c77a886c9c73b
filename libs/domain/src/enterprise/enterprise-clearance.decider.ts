import { BusinessDate } from '../shared/business-date';
import {
  checkClearanceGrant,
  GrantClearanceCommand,
  shouldStopClearances,
} from '../tranche/tranche-clearance';
import { EnterpriseState, requireEnterprise, standingOf } from './enterprise.decider';
import { EnterpriseEvent } from './enterprise.events';

/**
 * R-FRAUD, no race window (ADR 0014): an approval or payment of one of the
 * enterprise's tranches clears itself against the enterprise's standing, on
 * this stream, before it is recorded on the tranche's. A suspended enterprise
 * gets 423; a retried clearance writes nothing.
 */
export function decideClearEnterpriseTranche(
  state: EnterpriseState,
  cmd: GrantClearanceCommand,
): EnterpriseEvent[] {
  requireEnterprise(state, state.enterpriseId);
  if (!checkClearanceGrant(standingOf(state, state.enterpriseId), state.pendingClearances, cmd)) {
    return [];
  }
  return [{ type: 'TrancheClearanceGranted', data: { enterpriseId: state.enterpriseId, ...cmd } }];
}

/** The first step of suspending the enterprise (ADR 0014): no clearance from here; idempotent. */
export function decideStopEnterpriseClearances(
  state: EnterpriseState,
  cmd: { caseId: string; stoppedOn: BusinessDate },
): EnterpriseEvent[] {
  if (!shouldStopClearances(state, cmd.caseId)) return [];
  return [{ type: 'TrancheClearancesStopped', data: { enterpriseId: state.enterpriseId, ...cmd } }];
}
