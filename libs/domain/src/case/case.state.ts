import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';
import { ClawbackBalance, outstandingOf } from '../rules/recovery-allocation.rule';
import { CaseEvent, CaseOutcome } from './case.events';

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

/** The outstanding clawbacks, as the allocation rule sees them. */
export function outstandingClawbacks(state: CaseState): CaseClawback[] {
  return state.clawbacks.filter((c) => outstandingOf(c) > 0);
}
