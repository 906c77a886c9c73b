// The checks the case command groups share, so that they refuse alike.
import { BusinessDate } from '../shared/business-date';
import { conflict, invalidInput, notFound, ruleConflict } from '../shared/ledger-error';
import { CaseState } from './case.state';

export function requireCase(state: CaseState, caseId: string): CaseState {
  if (!state.exists) throw notFound(`case ${caseId}`);
  return state;
}

/** Commands on a case wait until its own half-done steps are finished. */
export function requireSettled(state: CaseState): void {
  if (state.openProcesses.size > 0) {
    throw conflict(`case ${state.caseId} is still being processed; retry shortly`);
  }
}

export function requireOpen(state: CaseState): void {
  if (state.status === 'closed') {
    throw ruleConflict('R-FRAUD', `case ${state.caseId} was closed on ${state.closedOn}`);
  }
}

export function requireText(field: string, value: string): void {
  if (!value.trim()) throw invalidInput(field, 'must not be empty');
}

export function notBeforeOpening(state: CaseState, field: string, date: BusinessDate): void {
  if (date < state.openedOn) {
    throw invalidInput(field, `must not be before the case was opened (${state.openedOn})`);
  }
}
