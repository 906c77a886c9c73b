import { BusinessDate } from '../shared/business-date';
import { ruleConflict, ruleViolation } from '../shared/ledger-error';
import { Fen } from '../shared/money';
import { capReleaseOnRecoveryRule } from '../rules/cap-release-on-recovery.rule';
import { recoveryAllocationRule } from '../rules/recovery-allocation.rule';
import { CaseEvent, SettledClaim } from './case.events';
import { notBeforeOpening, requireCase, requireSettled, requireText } from './case.guards';
import { caseTotals, CaseState, partyIdsOf, suspensionInForce } from './case.state';

export interface RecordRecoveryCommand {
  recoveryId: string;
  receivedOn: BusinessDate;
  amountFen: Fen;
  bankRef: string;
  recordedBy: string;
}

/**
 * R-FRAUD: money back from the party repays the case's clawbacks (claims and
 * tranches alike), oldest payment first; more than is outstanding is refused
 * with nothing written. A recovery that fully repays a claim starts the
 * release of its cap (ADR 0005). Recoveries are taken after closure too:
 * money often comes back later, and the one that repays the last of a closed
 * case lifts the suspension the closure had to keep (R-FRAUD amended).
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
  // Only seat claims hold a person's cap; a false tranche has nobody behind it.
  const claimClawbacks = state.clawbacks.filter((c) => state.claims.has(c.claimId));
  const settledClaimIds = capReleaseOnRecoveryRule(claimClawbacks, decision.allocations);
  const settledClaims: SettledClaim[] = settledClaimIds.map((claimId) => ({
    claimId,
    personKey: state.claims.get(claimId)?.personKey ?? '',
    reservationIds: state.clawbacks
      .filter((c) => c.claimId === claimId)
      .map((c) => c.reservationId),
  }));
  const liftsSuspension =
    state.status === 'closed' &&
    suspensionInForce(state) &&
    caseTotals(state).outstandingFen === cmd.amountFen;
  return [
    {
      type: 'RecoveryRecorded',
      data: {
        processId: cmd.recoveryId,
        caseId: state.caseId,
        ...partyIdsOf(state),
        ...cmd,
        allocations: decision.allocations,
        settledClaims,
        ...(liftsSuspension ? { liftsSuspension } : {}),
      },
    },
  ];
}

/** Last step of a recovery: the caps released and, when it repaid a closed case, the suspension lifted. */
export function decideCompleteRecovery(
  state: CaseState,
  recoveryId: string,
  releasedClaimIds: readonly string[],
  suspensionLifted = false,
): CaseEvent[] {
  if (!state.openProcesses.has(recoveryId)) return [];
  return [
    {
      type: 'RecoveryApplied',
      data: {
        processId: recoveryId,
        caseId: state.caseId,
        ...partyIdsOf(state),
        recoveryId,
        releasedClaimIds: [...releasedClaimIds],
        ...(suspensionLifted ? { suspensionLifted } : {}),
      },
    },
  ];
}
