import { BusinessDate } from '../shared/business-date';
import { conflict, notFound } from '../shared/ledger-error';
import { EnterpriseState } from '../enterprise/enterprise.decider';
import { CaseEvent } from './case.events';
import { requireText } from './case.guards';
import { CaseState } from './case.state';

export interface OpenCaseCommand {
  caseId: string;
  enterpriseId: string;
  openedOn: BusinessDate;
  openedBy: string;
  reason: string;
  suspend: boolean;
}

/** A supervisor opens a case against a registered enterprise, suspending it or not (R-FRAUD). */
export function decideOpenCase(
  state: CaseState,
  enterprise: EnterpriseState,
  cmd: OpenCaseCommand,
): CaseEvent[] {
  if (state.exists) throw conflict(`case ${cmd.caseId} already exists`);
  if (!enterprise.registered) throw notFound(`enterprise ${cmd.enterpriseId}`);
  requireText('reason', cmd.reason);
  return [{ type: 'CaseOpened', data: { processId: cmd.caseId, ...cmd } }];
}

/** Last step of opening with suspension, once the enterprise stream recorded it. */
export function decideCompleteCaseOpening(state: CaseState): CaseEvent[] {
  if (!state.openProcesses.has(state.caseId)) return [];
  return [
    {
      type: 'CaseSuspensionApplied',
      data: {
        processId: state.caseId,
        caseId: state.caseId,
        enterpriseId: state.enterpriseId,
        suspendedOn: state.openedOn,
      },
    },
  ];
}
