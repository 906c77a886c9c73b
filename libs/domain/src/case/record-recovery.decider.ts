import { BusinessDate } from '../shared/business-date';
import { ruleConflict, ruleViolation } from '../shared/ledger-error';
import { Fen } from '../shared/money';
import { capReleaseOnRecoveryRule } from '../rules/cap-release-on-recovery.rule';
import { recoveryAllocationRule } from '../rules/recovery-allocation.rule';
import { CaseEvent, SettledClaim } from './case.events';
import { notBeforeOpening, requireCase, requireSettled, requireText } from './case.guards';
import { CaseState } from './case.state';

export interface RecordRecoveryCommand {
  recoveryId: string;
  receivedOn: BusinessDate;
  amountFen: Fen;
  bankRef: string;
  recordedBy: string;
}

/**
 * R-FRAUD: money back from the enterprise repays the case's clawbacks, oldest
 * payment first; more than is outstanding is refused with nothing written. A
 * recovery that fully repays a claim starts the release of its cap (ADR 0005).
 * Recoveries are taken after closure too: money often comes back later.
 */
export function decideRecordRecovery(state: CaseState, cmd: RecordRecoveryCommand): CaseEvent[] {
  requireCase(state, state.caseId);
  requireSettled(state);
  notBeforeOpening(state, 'receivedOn', cmd.receivedOn);
  requireText('bankRef', cmd.bankRef);
  if (state.recoveries.has(cmd.recoveryId)) return [];
  if (state.bankRefs.has(cmd.bankRef)) {
    throw ruleConflict(
      'R-FRAUD',
      `bank reference ${cmd.bankRef} is already recorded as a recovery of this case`,
    );
  }
  const decision = recoveryAllocationRule(state.clawbacks, cmd.amountFen, cmd.receivedOn);
  if ('refusal' in decision) {
    throw ruleViolation(decision.refusal.rule, decision.refusal.reason, {
      outstandingFen: decision.outstandingFen,
    });
  }
  const settledClaimIds = capReleaseOnRecoveryRule(state.clawbacks, decision.allocations);
  const settledClaims: SettledClaim[] = settledClaimIds.map((claimId) => ({
    claimId,
    personKey: state.claims.get(claimId)?.personKey ?? '',
    reservationIds: state.clawbacks
      .filter((c) => c.claimId === claimId)
      .map((c) => c.reservationId),
  }));
  return [
    {
      type: 'RecoveryRecorded',
      data: {
        processId: cmd.recoveryId,
        caseId: state.caseId,
        enterpriseId: state.enterpriseId,
        ...cmd,
        allocations: decision.allocations,
        settledClaims,
      },
    },
  ];
}

export function decideCompleteRecovery(
  state: CaseState,
  recoveryId: string,
  releasedClaimIds: readonly string[],
): CaseEvent[] {
  if (!state.openProcesses.has(recoveryId)) return [];
  return [
    {
      type: 'RecoveryApplied',
      data: {
        processId: recoveryId,
        caseId: state.caseId,
        enterpriseId: state.enterpriseId,
        recoveryId,
        releasedClaimIds: [...releasedClaimIds],
      },
    },
  ];
}
