import { BusinessDate } from '../shared/business-date';
import { conflict, invalidInput, notFound } from '../shared/ledger-error';
import { CaseEvent } from './case.events';
import { requireText } from './case.guards';
import { casePartyOf, CaseState, partyIdsOf } from './case.state';

export interface OpenCaseCommand {
  caseId: string;
  /** Exactly one of the two (R-FRAUD amended: a case against an enterprise or a school). */
  enterpriseId?: string;
  schoolId?: string;
  openedOn: BusinessDate;
  openedBy: string;
  reason: string;
  suspend: boolean;
}

/**
 * A supervisor opens a case against a registered enterprise or school,
 * suspending it or not (R-FRAUD, Art. 11 "单位").
 */
export function decideOpenCase(
  state: CaseState,
  party: { registered: boolean },
  cmd: OpenCaseCommand,
): CaseEvent[] {
  if (state.exists) throw conflict(`case ${cmd.caseId} already exists`);
  if ((cmd.enterpriseId === undefined) === (cmd.schoolId === undefined)) {
    throw invalidInput('enterpriseId', 'name either an enterprise or a school');
  }
  const named = casePartyOf(cmd);
  if (!party.registered) throw notFound(`${named.kind} ${named.id}`);
  requireText('reason', cmd.reason);
  const { enterpriseId: _e, schoolId: _s, ...rest } = cmd;
  return [
    {
      type: 'CaseOpened',
      data: { processId: cmd.caseId, ...rest, ...partyIdsOf({ party: named }) },
    },
  ];
}

/** Last step of opening with suspension, once the party's stream recorded it. */
export function decideCompleteCaseOpening(state: CaseState): CaseEvent[] {
  if (!state.openProcesses.has(state.caseId)) return [];
  return [
    {
      type: 'CaseSuspensionApplied',
      data: {
        processId: state.caseId,
        caseId: state.caseId,
        ...partyIdsOf(state),
        suspendedOn: state.openedOn,
      },
    },
  ];
}
