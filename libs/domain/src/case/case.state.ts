import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';
import { ClawbackBalance, outstandingOf } from '../rules/recovery-allocation.rule';
import { CaseEvent, CaseOutcome, CasePartyIds } from './case.events';

/**
 * One amount due back, with what has been repaid of it (in the order the
 * findings listed them). A site or internship tranche found false is its own
 * "claim" (`claimId` = its tranche id, as on a notice, ADR 0009), with no
 * person behind it (`personKey`, `reservationId` empty) and its `programme`.
 */
export interface CaseClawback extends ClawbackBalance {
  personKey: string;
  reservationId: string;
  trancheId: string;
  applicationId: string;
}

/** Who a case is against (R-FRAUD amended): an enterprise or a school, by its credit code. */
export type CaseParty = { kind: 'enterprise'; id: string } | { kind: 'school'; id: string };

export function casePartyOf(ids: { enterpriseId?: string; schoolId?: string }): CaseParty {
  return ids.schoolId !== undefined
    ? { kind: 'school', id: ids.schoolId }
    : { kind: 'enterprise', id: ids.enterpriseId ?? '' };
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
  party: CaseParty;
  /** The party's id when it is an enterprise, '' for a school. */
  enterpriseId: string;
  openedOn: BusinessDate;
  reason: string;
  status: 'open' | 'closed';
  outcome?: CaseOutcome;
  closedOn?: BusinessDate;
  /** Asked to suspend its party when opened. */
  suspend: boolean;
  /** The party is suspended by this case: at opening, or by a finding (R-FRAUD amended). */
  suspensionApplied: boolean;
  /** …and lifted: by the closure, or by the recovery that repaid the last of a closed case. */
  suspensionLifted: boolean;
  findings: Map<
    string,
    { foundOn: BusinessDate; claimIds: string[]; trancheIds: string[]; applied: boolean }
  >;
  /** Claims named by any finding of the case, applied or not. */
  namedClaimIds: Set<string>;
  /** Site and internship tranches named by any finding of the case, applied or not. */
  namedTrancheIds: Set<string>;
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
  party: { kind: 'enterprise', id: '' },
  enterpriseId: '',
  openedOn: '',
  reason: '',
  status: 'open',
  suspend: false,
  suspensionApplied: false,
  suspensionLifted: false,
  findings: new Map(),
  namedClaimIds: new Set(),
  namedTrancheIds: new Set(),
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
      state.party = casePartyOf(d);
      state.enterpriseId = d.enterpriseId ?? '';
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
      const tranches = d.tranches ?? [];
      state.findings.set(d.findingId, {
        foundOn: d.foundOn,
        claimIds: d.claims.map((c) => c.claimId),
        trancheIds: tranches.map((t) => t.trancheId),
        applied: false,
      });
      for (const c of d.claims) state.namedClaimIds.add(c.claimId);
      for (const t of tranches) state.namedTrancheIds.add(t.trancheId);
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
      for (const t of d.tranches ?? []) {
        if (t.status !== 'found' || !t.payment) continue;
        state.clawbacks.push({
          clawbackId: t.payment.clawbackId,
          claimId: t.trancheId,
          disbursementId: t.payment.disbursementId,
          paidOn: t.payment.paidOn,
          assessedOn: d.foundOn,
          amountFen: t.payment.amountFen,
          recoveredFen: 0,
          programme: t.programme,
          personKey: '',
          reservationId: '',
          trancheId: t.trancheId,
          applicationId: t.applicationId,
        });
      }
      if (d.suspended) state.suspensionApplied = true;
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
      if (d.settledClaims.length > 0 || d.liftsSuspension) {
        state.openProcesses.set(d.processId, event.type);
      }
      return state;
    }
    case 'RecoveryApplied':
      if (event.data.suspensionLifted) state.suspensionLifted = true;
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

/** Whether this case's suspension of its party is in force. */
export const suspensionInForce = (state: CaseState): boolean =>
  state.suspensionApplied && !state.suspensionLifted;

/** The party's id, as every case event carries it. */
export function partyIdsOf(state: Pick<CaseState, 'party'>): CasePartyIds {
  return state.party.kind === 'school'
    ? { schoolId: state.party.id }
    : { enterpriseId: state.party.id };
}

/** The outstanding clawbacks, as the allocation rule sees them. */
export function outstandingClawbacks(state: CaseState): CaseClawback[] {
  return state.clawbacks.filter((c) => outstandingOf(c) > 0);
}
