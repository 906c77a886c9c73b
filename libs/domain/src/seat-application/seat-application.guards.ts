// The checks the seat-application command groups share, so that they refuse alike.
import { BusinessDate } from '../shared/business-date';
import { conflict, LedgerError, notFound, ruleViolation } from '../shared/ledger-error';
import { Refusal } from '../rules/refusal';
import {
  ClaimState,
  SeatApplicationState,
  TrancheState,
  trancheIdOf,
} from './seat-application.state';

export const refused = (r: Refusal, details?: Record<string, unknown>): LedgerError =>
  ruleViolation(r.rule, r.reason, details);

export function requireApplication(state: SeatApplicationState, applicationId: string): void {
  if (!state.exists) throw notFound(`seat application ${applicationId}`);
}

/** Commands that change an application wait until its own half-done steps are finished. */
export function requireSettled(state: SeatApplicationState): void {
  if (state.openProcesses.size > 0) {
    throw conflict(
      `seat application ${state.applicationId} is still being processed; retry shortly`,
    );
  }
}

export function requireClaim(state: SeatApplicationState, claimId: string): ClaimState {
  const claim = state.claims.get(claimId);
  if (!claim) throw notFound(`claim ${claimId}`);
  return claim;
}

export function firstTrancheApprovedOn(state: SeatApplicationState): BusinessDate | undefined {
  return state.tranches.get(trancheIdOf(state.applicationId, 1))?.decidedOn;
}

export function requireTranche(state: SeatApplicationState, trancheId: string): TrancheState {
  const t = state.tranches.get(trancheId);
  if (!state.exists || !t) throw notFound(`tranche ${trancheId}`);
  return t;
}
