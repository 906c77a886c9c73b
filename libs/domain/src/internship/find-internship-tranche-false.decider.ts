import { BusinessDate } from '../shared/business-date';
import { FalseTrancheOutcome } from '../case/case.events';
import {
  checkFalseTranche,
  falseTrancheDecision,
  falseTrancheOutcomeOf,
} from '../tranche/false-tranche';
import { InternshipEvent } from './internship.events';
import { requireInternshipTranche } from './internship.guards';
import { InternshipState, InternshipTrancheState } from './internship.state';

/** Before a finding is recorded: the internship tranche is the case school's, approved, not false yet. */
export function checkFalseInternshipTranche(
  state: InternshipState,
  trancheId: string,
  caseParty: { kind: 'enterprise' | 'school'; id: string },
): InternshipTrancheState {
  const t = requireInternshipTranche(state, trancheId);
  checkFalseTranche(
    {
      trancheId,
      payee: { kind: 'school', id: state.schoolId },
      status: t.status,
      foundFalse: t.foundFalse,
    },
    caseParty,
  );
  return t;
}

/**
 * A step of a finding against a school (R-FRAUD amended), idempotent: the
 * internship tranche is false; unpaid, it is cancelled; paid, it is due back.
 * **Interpretation:** the interns' "once per person" reservations on the
 * school's stream are kept: a reward found false is not earned again by
 * being named false.
 */
export function decideFindInternshipTrancheFalse(
  state: InternshipState,
  cmd: { caseId: string; findingId: string; trancheId: string; foundOn: BusinessDate },
): InternshipEvent[] {
  const t = requireInternshipTranche(state, cmd.trancheId);
  const decided = falseTrancheDecision(t);
  if (!decided) return [];
  return [
    {
      type: 'InternshipTrancheFoundFalse',
      data: {
        applicationId: state.applicationId,
        schoolId: state.schoolId,
        ...cmd,
        ...decided,
      },
    },
  ];
}

/** What a finding did to the internship tranche, read back after its step. */
export function falseInternshipTrancheOutcome(
  state: InternshipState,
  trancheId: string,
  by: { caseId: string; findingId: string },
): FalseTrancheOutcome {
  const t = requireInternshipTranche(state, trancheId);
  return falseTrancheOutcomeOf(
    t,
    { trancheId, programme: 'internship', applicationId: state.applicationId },
    by,
  );
}
