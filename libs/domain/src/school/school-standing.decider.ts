import { BusinessDate } from '../shared/business-date';
import { SchoolStanding } from '../rules/enterprise-suspension.rule';
import {
  checkClearanceGrant,
  GrantClearanceCommand,
  shouldStopClearances,
} from '../tranche/tranche-clearance';
import { requireSchool, SchoolEvent, SchoolState } from './school.decider';

/**
 * R-FRAUD against a school (RULES.md amended, Art. 11 "单位"): the same
 * standing, suspension and clearances as an enterprise's, on `school-{schoolId}`.
 */
export function schoolStandingOf(state: SchoolState, schoolId: string): SchoolStanding {
  const cases = new Set([...state.suspensions.keys(), ...state.clearanceStops]);
  return { schoolId, suspendedByCaseIds: [...cases] };
}

/** The first step of suspending the school (ADR 0014): no clearance from here; idempotent. */
export function decideStopSchoolClearances(
  state: SchoolState,
  cmd: { caseId: string; stoppedOn: BusinessDate },
): SchoolEvent[] {
  if (!shouldStopClearances(state, cmd.caseId)) return [];
  return [{ type: 'TrancheClearancesStopped', data: { schoolId: state.schoolId, ...cmd } }];
}

/** A step of opening a case with suspension, or of a finding; idempotent on the case id. */
export function decideSuspendSchool(
  state: SchoolState,
  cmd: { caseId: string; suspendedOn: BusinessDate; reason: string },
): SchoolEvent[] {
  if (state.suspensions.has(cmd.caseId) || state.liftedSuspensions.has(cmd.caseId)) return [];
  return [{ type: 'SchoolSuspended', data: { schoolId: state.schoolId, ...cmd } }];
}

/** A step of closing the case, or of the recovery that repays it: lifts that case's suspension only. */
export function decideLiftSchoolSuspension(
  state: SchoolState,
  cmd: { caseId: string; liftedOn: BusinessDate; reason: string },
): SchoolEvent[] {
  if (!state.suspensions.has(cmd.caseId)) return [];
  return [{ type: 'SchoolSuspensionLifted', data: { schoolId: state.schoolId, ...cmd } }];
}

/** ADR 0014: an internship approval or payment clears itself against the school's standing. */
export function decideClearSchoolTranche(
  state: SchoolState,
  cmd: GrantClearanceCommand,
): SchoolEvent[] {
  requireSchool(state, state.schoolId);
  const standing = schoolStandingOf(state, state.schoolId);
  if (!checkClearanceGrant(standing, state.pendingClearances, cmd)) return [];
  return [{ type: 'TrancheClearanceGranted', data: { schoolId: state.schoolId, ...cmd } }];
}
