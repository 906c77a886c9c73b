import { BusinessDate } from '../shared/business-date';
import { invalidInput, ruleViolation } from '../shared/ledger-error';
import { caseOutcomeRule } from '../rules/case-outcome.rule';
import { CaseEvent, CaseOutcome, closureProcessIdOf } from './case.events';
import {
  notBeforeOpening,
  requireCase,
  requireOpen,
  requireSettled,
  requireText,
} from './case.guards';
import { caseTotals, CaseState, partyIdsOf, suspensionInForce } from './case.state';

export interface CloseCaseCommand {
  closedOn: BusinessDate;
  closedBy: string;
  outcome: CaseOutcome;
  note: string;
}

/**
 * Closing a case lifts the suspension it applied only when nothing it found
 * due back is outstanding (R-FRAUD amended); otherwise the suspension stays
 * and the recovery that repays the rest lifts it. The outcome feeds Art. 13.
 */
export function decideCloseCase(state: CaseState, cmd: CloseCaseCommand): CaseEvent[] {
  requireCase(state, state.caseId);
  requireOpen(state);
  requireSettled(state);
  notBeforeOpening(state, 'closedOn', cmd.closedOn);
  requireText('note', cmd.note);
  for (const f of state.findings.values()) {
    if (cmd.closedOn < f.foundOn) {
      throw invalidInput('closedOn', `must not be before the finding of ${f.foundOn}`);
    }
  }
  const outcome = caseOutcomeRule(cmd.outcome, state.findings.size);
  if (outcome) throw ruleViolation(outcome.rule, outcome.reason);
  const processId = closureProcessIdOf(state.caseId);
  return [
    {
      type: 'CaseClosed',
      data: {
        processId,
        caseId: state.caseId,
        ...partyIdsOf(state),
        ...cmd,
        liftsSuspension: suspensionInForce(state) && caseTotals(state).outstandingFen === 0,
      },
    },
  ];
}

export function decideCompleteClosure(state: CaseState): CaseEvent[] {
  const processId = closureProcessIdOf(state.caseId);
  if (!state.openProcesses.has(processId)) return [];
  return [
    {
      type: 'CaseSuspensionLifted',
      data: {
        processId,
        caseId: state.caseId,
        ...partyIdsOf(state),
        liftedOn: state.closedOn ?? state.openedOn,
      },
    },
  ];
}
