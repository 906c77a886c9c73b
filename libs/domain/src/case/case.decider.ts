import { BusinessDate } from '../shared/business-date';
import {
  conflict,
  invalidInput,
  notFound,
  ruleConflict,
  ruleViolation,
} from '../shared/ledger-error';
import { Fen } from '../shared/money';
import { EnterpriseState } from '../enterprise/enterprise.decider';
import { capReleaseOnRecoveryRule } from '../rules/cap-release-on-recovery.rule';
import { caseOutcomeRule } from '../rules/case-outcome.rule';
import {
  ClawbackBalance,
  outstandingOf,
  recoveryAllocationRule,
} from '../rules/recovery-allocation.rule';
import {
  CaseEvent,
  CaseOutcome,
  closureProcessIdOf,
  FalseClaimOutcome,
  FalseClaimRef,
  SettledClaim,
} from './case.events';

/** One amount due back, with what has been repaid of it (in the order the findings listed them). */
export interface CaseClawback extends ClawbackBalance {
  personKey: string;
  reservationId: string;
  trancheId: string;
  applicationId: string;
}

export interface CaseClaim {
  claimId: string;
  personKey: string;
  findingId: string;
  /** Fully repaid (or nothing was paid): its cap and months are released. */
  settled: boolean;
}

export interface CaseState {
  exists: boolean;
  caseId: string;
  enterpriseId: string;
  openedOn: BusinessDate;
  reason: string;
  status: 'open' | 'closed';
  outcome?: CaseOutcome;
  closedOn?: BusinessDate;
  /** Asked to suspend its enterprise when opened. */
  suspend: boolean;
  suspensionApplied: boolean;
  suspensionLifted: boolean;
  findings: Map<string, { foundOn: BusinessDate; claimIds: string[]; applied: boolean }>;
  /** Claims named by any finding of the case, applied or not. */
  namedClaimIds: Set<string>;
  claims: Map<string, CaseClaim>;
  clawbacks: CaseClawback[];
  recoveries: Map<string, { receivedOn: BusinessDate; amountFen: Fen; bankRef: string }>;
  bankRefs: Set<string>;
  /** processId → the event that started it, for processes not yet finished. */
  openProcesses: Map<string, CaseEvent['type']>;
}

export const initialCaseState = (): CaseState => ({
  exists: false,
  caseId: '',
  enterpriseId: '',
  openedOn: '',
  reason: '',
  status: 'open',
  suspend: false,
  suspensionApplied: false,
  suspensionLifted: false,
  findings: new Map(),
  namedClaimIds: new Set(),
  claims: new Map(),
  clawbacks: [],
  recoveries: new Map(),
  bankRefs: new Set(),
  openProcesses: new Map(),
});

/** Mutates and returns `state`; callers fold from a fresh initial state. */
export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  switch (event.type) {
    case 'CaseOpened': {
      const d = event.data;
      state.exists = true;
      state.caseId = d.caseId;
      state.enterpriseId = d.enterpriseId;
      state.openedOn = d.openedOn;
      state.reason = d.reason;
      state.suspend = d.suspend;
      if (d.suspend) state.openProcesses.set(d.processId, event.type);
      return state;
    }
    case 'CaseSuspensionApplied':
      state.suspensionApplied = true;
      state.openProcesses.delete(event.data.processId);
      return state;
    case 'FindingRecorded': {
      const d = event.data;
      state.findings.set(d.findingId, {
        foundOn: d.foundOn,
        claimIds: d.claims.map((c) => c.claimId),
        applied: false,
      });
      for (const c of d.claims) state.namedClaimIds.add(c.claimId);
      state.openProcesses.set(d.processId, event.type);
      return state;
    }
    case 'FindingApplied': {
      const d = event.data;
      const finding = state.findings.get(d.findingId);
      if (finding) finding.applied = true;
      const settled = new Set(d.settledClaimIds);
      for (const claim of d.claims) {
        if (claim.status !== 'found') continue;
        state.claims.set(claim.claimId, {
          claimId: claim.claimId,
          personKey: claim.personKey,
          findingId: d.findingId,
          settled: settled.has(claim.claimId),
        });
        for (const t of claim.tranches) {
          if (!t.payment) continue;
          state.clawbacks.push({
            clawbackId: t.payment.clawbackId,
            claimId: claim.claimId,
            disbursementId: t.payment.disbursementId,
            paidOn: t.payment.paidOn,
            assessedOn: d.foundOn,
            amountFen: t.payment.amountFen,
            recoveredFen: 0,
            personKey: claim.personKey,
            reservationId: t.reservationId,
            trancheId: t.trancheId,
            applicationId: claim.applicationId,
          });
        }
      }
      state.openProcesses.delete(d.processId);
      return state;
    }
    case 'RecoveryRecorded': {
      const d = event.data;
      state.recoveries.set(d.recoveryId, {
        receivedOn: d.receivedOn,
        amountFen: d.amountFen,
        bankRef: d.bankRef,
      });
      state.bankRefs.add(d.bankRef);
      for (const a of d.allocations) {
        const c = state.clawbacks.find((x) => x.clawbackId === a.clawbackId);
        if (c) c.recoveredFen += a.amountFen;
      }
      for (const s of d.settledClaims) {
        const claim = state.claims.get(s.claimId);
        if (claim) claim.settled = true;
      }
      if (d.settledClaims.length > 0) state.openProcesses.set(d.processId, event.type);
      return state;
    }
    case 'RecoveryApplied':
      state.openProcesses.delete(event.data.processId);
      return state;
    case 'CaseClosed': {
      const d = event.data;
      state.status = 'closed';
      state.outcome = d.outcome;
      state.closedOn = d.closedOn;
      if (d.liftsSuspension) state.openProcesses.set(d.processId, event.type);
      return state;
    }
    case 'CaseSuspensionLifted':
      state.suspensionLifted = true;
      state.openProcesses.delete(event.data.processId);
      return state;
    default: {
      const never: never = event;
      throw new Error(`unhandled event ${JSON.stringify(never)}`);
    }
  }
}

export function foldCase(events: readonly CaseEvent[]): CaseState {
  return events.reduce(evolveCase, initialCaseState());
}

export function requireCase(state: CaseState, caseId: string): CaseState {
  if (!state.exists) throw notFound(`case ${caseId}`);
  return state;
}

/** Commands on a case wait until its own half-done steps are finished. */
function requireSettled(state: CaseState): void {
  if (state.openProcesses.size > 0) {
    throw conflict(`case ${state.caseId} is still being processed; retry shortly`);
  }
}

function requireOpen(state: CaseState): void {
  if (state.status === 'closed') {
    throw ruleConflict('R-FRAUD', `case ${state.caseId} was closed on ${state.closedOn}`);
  }
}

function requireText(field: string, value: string): void {
  if (!value.trim()) throw invalidInput(field, 'must not be empty');
}

function notBeforeOpening(state: CaseState, field: string, date: BusinessDate): void {
  if (date < state.openedOn) {
    throw invalidInput(field, `must not be before the case was opened (${state.openedOn})`);
  }
}

/** What the case owes back: due, recovered and outstanding, in fen. */
export function caseTotals(state: CaseState): {
  clawbackDueFen: Fen;
  recoveredFen: Fen;
  outstandingFen: Fen;
} {
  let clawbackDueFen = 0;
  let recoveredFen = 0;
  for (const c of state.clawbacks) {
    clawbackDueFen += c.amountFen;
    recoveredFen += c.recoveredFen;
  }
  return { clawbackDueFen, recoveredFen, outstandingFen: clawbackDueFen - recoveredFen };
}

// ------------------------------------------------------------------ open

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

// ------------------------------------------------------------------ findings

export interface RecordFindingCommand {
  findingId: string;
  foundOn: BusinessDate;
  note: string;
  recordedBy: string;
  /** Checked against their application streams by the process (falseClaimRule). */
  claims: FalseClaimRef[];
}

/** R-FRAUD: a finding names the false claims; what they paid and what is cancelled follows. */
export function decideRecordFinding(state: CaseState, cmd: RecordFindingCommand): CaseEvent[] {
  requireCase(state, state.caseId);
  requireOpen(state);
  requireSettled(state);
  notBeforeOpening(state, 'foundOn', cmd.foundOn);
  requireText('note', cmd.note);
  if (cmd.claims.length === 0) throw invalidInput('falseClaimIds', 'name at least one claim');
  const seen = new Set<string>();
  cmd.claims.forEach((c, i) => {
    if (seen.has(c.claimId)) throw invalidInput(`falseClaimIds.${i}`, 'named twice');
    seen.add(c.claimId);
    if (state.namedClaimIds.has(c.claimId)) {
      throw ruleConflict(
        'R-FRAUD',
        `claim ${c.claimId} is already named by a finding of this case`,
      );
    }
  });
  return [
    {
      type: 'FindingRecorded',
      data: {
        processId: cmd.findingId,
        caseId: state.caseId,
        enterpriseId: state.enterpriseId,
        ...cmd,
      },
    },
  ];
}

/** Last step of a finding: what each application stream did, as read back from it. */
export function decideCompleteFinding(
  state: CaseState,
  findingId: string,
  outcomes: readonly FalseClaimOutcome[],
  settledClaimIds: readonly string[],
): CaseEvent[] {
  const finding = state.findings.get(findingId);
  if (!finding || !state.openProcesses.has(findingId)) return [];
  let clawbackDueFen = 0;
  let cancelledFen = 0;
  for (const claim of outcomes) {
    if (claim.status !== 'found') continue;
    for (const t of claim.tranches) {
      clawbackDueFen += t.payment?.amountFen ?? 0;
      cancelledFen += t.cancelledFen;
    }
  }
  return [
    {
      type: 'FindingApplied',
      data: {
        processId: findingId,
        caseId: state.caseId,
        enterpriseId: state.enterpriseId,
        findingId,
        foundOn: finding.foundOn,
        claims: [...outcomes],
        clawbackDueFen,
        cancelledFen,
        settledClaimIds: [...settledClaimIds],
      },
    },
  ];
}

/** Claims of a finding with nothing paid: nothing to recover, so they are settled at once. */
export function claimsSettledAtOnce(outcomes: readonly FalseClaimOutcome[]): string[] {
  return outcomes
    .filter((c) => c.status === 'found' && !c.tranches.some((t) => t.payment))
    .map((c) => c.claimId);
}

// ------------------------------------------------------------------ recoveries

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

// ------------------------------------------------------------------ closure

export interface CloseCaseCommand {
  closedOn: BusinessDate;
  closedBy: string;
  outcome: CaseOutcome;
  note: string;
}

/** Closing a case lifts the suspension it applied (R-FRAUD); the outcome feeds Art. 13. */
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
        enterpriseId: state.enterpriseId,
        ...cmd,
        liftsSuspension: state.suspensionApplied && !state.suspensionLifted,
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
        enterpriseId: state.enterpriseId,
        liftedOn: state.closedOn ?? state.openedOn,
      },
    },
  ];
}

/** The outstanding clawbacks, as the allocation rule sees them. */
export function outstandingClawbacks(state: CaseState): CaseClawback[] {
  return state.clawbacks.filter((c) => outstandingOf(c) > 0);
}
