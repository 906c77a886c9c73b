import { applyDisbursementReturned, ReturnedPayment } from '../tranche/disbursement-return';
import { BusinessDate, Month } from '../shared/business-date';
import { Fen } from '../shared/money';
import { noClearances, noteClearanceUsed, TrancheClearances } from '../tranche/tranche-clearance';
import {
  ConflictRef,
  IncludedClaim,
  RefusedClaim,
  SeatApplicationEvent,
  TrancheClaimRef,
  WithdrawalCause,
} from './seat-application.events';

/** `fraudulent`: a case's finding named the claim false (R-FRAUD); it gets no later tranche. */
export type ClaimStatus =
  'pending' | 'submitted' | 'refused' | 'approved' | 'rejected' | 'fraudulent';

export interface ClaimState {
  claimId: string;
  personKey: string;
  personId: string;
  personIdMasked: string;
  name: string;
  wageMonths: Month[];
  insuranceMonths: Month[];
  months: Month[];
  status: ClaimStatus;
  rule?: string;
  reason?: string;
  conflictsWith?: ConflictRef[];
  /** The business date of the review that approved it: its tranches are not dated before (R-DATE). */
  approvedOn?: BusinessDate;
  /** Set by the finding that named the claim false (R-FRAUD). */
  foundFalse?: { caseId: string; findingId: string; foundOn: BusinessDate };
}

export interface ClawbackOfClaim {
  clawbackId: string;
  caseId: string;
  findingId: string;
  amountFen: Fen;
}

export interface TrancheState {
  trancheId: string;
  tranche: number;
  decidedOn: BusinessDate;
  approvedBy: string;
  policyVersion: string;
  status: 'approving' | 'approved';
  candidates: TrancheClaimRef[];
  included: IncludedClaim[];
  refused: RefusedClaim[];
  /** Included claims later taken out (upheld objection, finding), by claim id. */
  withdrawn: Map<string, Fen>;
  /** Why each withdrawn claim was taken out. */
  withdrawnBy: Map<string, WithdrawalCause['kind']>;
  /** Paid claims a finding made due back (R-FRAUD), by claim id. */
  clawbacks: Map<string, ClawbackOfClaim>;
  amountFen: Fen;
  publicity?: { publicityId: string; startsOn: BusinessDate; endsOn: BusinessDate };
  disbursement?: { disbursementId: string; paidOn: BusinessDate; amountFen: Fen; bankRef: string };
  /** Payments the bank sent back (退票): the tranche was payable again after each. */
  returned?: ReturnedPayment[];
}

export interface SeatApplicationState {
  exists: boolean;
  applicationId: string;
  enterpriseId: string;
  submittedOn: BusinessDate;
  /** Set once the submission process has finished. */
  firstTrancheMonths?: number;
  claims: Map<string, ClaimState>;
  reviewerIds: string[];
  tranches: Map<string, TrancheState>;
  /** processId → the event that started it, for processes not yet finished. */
  openProcesses: Map<string, SeatApplicationEvent['type']>;
  /** R-FRAUD (ADR 0014): clearances its approvals and payments used, and those a suspension revoked. */
  clearances: TrancheClearances;
}

export const initialSeatApplicationState = (): SeatApplicationState => ({
  exists: false,
  applicationId: '',
  enterpriseId: '',
  submittedOn: '',
  claims: new Map(),
  reviewerIds: [],
  tranches: new Map(),
  openProcesses: new Map(),
  clearances: noClearances(),
});

export const trancheIdOf = (applicationId: string, tranche: number) =>
  `${applicationId}.t${tranche}`;
export const claimIdOf = (applicationId: string, index: number) => `${applicationId}.c${index + 1}`;
export const reservationIdOf = (trancheId: string, claimId: string) => `${trancheId}:${claimId}`;

/** The application a claim id belongs to (`{applicationId}.c{n}`), so no lookup is needed. */
export function applicationIdOfClaim(claimId: string): string | undefined {
  const m = /^(.+)\.c([1-9]\d*)$/.exec(claimId);
  return m ? m[1] : undefined;
}

/** The application a tranche id belongs to (tranche ids embed it, so no lookup is needed). */
export function applicationIdOfTranche(trancheId: string): string | undefined {
  const m = /^(.+)\.t([1-9]\d*)$/.exec(trancheId);
  return m ? m[1] : undefined;
}

export function currentTrancheAmountFen(t: TrancheState): Fen {
  let amountFen = 0;
  for (const c of t.included) if (!t.withdrawn.has(c.claimId)) amountFen += c.amountFen;
  return amountFen;
}

/** Mutates and returns `state`; callers fold from a fresh initial state. */
export function evolveSeatApplication(
  state: SeatApplicationState,
  event: SeatApplicationEvent,
): SeatApplicationState {
  switch (event.type) {
    case 'SeatApplicationSubmitted': {
      const d = event.data;
      state.exists = true;
      state.applicationId = d.applicationId;
      state.enterpriseId = d.enterpriseId;
      state.submittedOn = d.submittedOn;
      for (const c of d.claims) {
        // Not `{ ...c, status }`: V8 (Node 20) gives such a clone a shape it
        // extends ~1 µs a property, and the fold adds each claim's rule,
        // reason and dates later; a fold of an application took ~50 µs
        // instead of ~2 (ADR 0020 §72). The status is set again after the
        // copy, so it is 'pending' whatever the event held.
        const claim: ClaimState = { status: 'pending', ...c };
        claim.status = 'pending';
        state.claims.set(c.claimId, claim);
      }
      state.openProcesses.set(d.processId, event.type);
      return state;
    }
    case 'SeatApplicationChecked': {
      state.firstTrancheMonths = event.data.firstTrancheMonths;
      for (const r of event.data.results) {
        const claim = state.claims.get(r.claimId);
        if (!claim) continue;
        claim.status = r.status;
        claim.rule = r.rule;
        claim.reason = r.reason;
        claim.conflictsWith = r.conflictsWith;
      }
      state.openProcesses.delete(event.data.processId);
      return state;
    }
    case 'EvidenceFiled':
      state.openProcesses.set(event.data.processId, event.type);
      for (const c of event.data.claims) {
        const claim = state.claims.get(c.claimId);
        if (!claim) continue;
        // Wages and insurance filed now are part of the roster even when the
        // months they add are refused; only accepted months count (below).
        claim.wageMonths = union(claim.wageMonths, c.wageMonths);
        claim.insuranceMonths = union(claim.insuranceMonths, c.insuranceMonths);
      }
      return state;
    case 'EvidenceChecked':
      for (const r of event.data.results) {
        const claim = state.claims.get(r.claimId);
        if (claim && r.status === 'accepted') claim.months = union(claim.months, r.addedMonths);
      }
      state.openProcesses.delete(event.data.processId);
      return state;
    case 'ApplicationReviewed': {
      const d = event.data;
      if (!state.reviewerIds.includes(d.reviewedBy)) state.reviewerIds.push(d.reviewedBy);
      let anyRejected = false;
      for (const decision of d.decisions) {
        const claim = state.claims.get(decision.claimId);
        if (!claim) continue;
        claim.status = decision.approve ? 'approved' : 'rejected';
        if (decision.approve) claim.approvedOn = d.decidedOn;
        if (!decision.approve) {
          claim.reason = decision.reason;
          anyRejected = true;
        }
      }
      if (anyRejected) state.openProcesses.set(d.processId, event.type);
      return state;
    }
    case 'RejectedClaimsReleased':
      state.openProcesses.delete(event.data.processId);
      return state;
    case 'TrancheApprovalStarted': {
      const d = event.data;
      state.tranches.set(d.trancheId, {
        trancheId: d.trancheId,
        tranche: d.tranche,
        decidedOn: d.decidedOn,
        approvedBy: d.approvedBy,
        policyVersion: d.policyVersion,
        status: 'approving',
        candidates: d.candidates,
        included: [],
        refused: d.refused,
        withdrawn: new Map(),
        withdrawnBy: new Map(),
        clawbacks: new Map(),
        amountFen: 0,
      });
      state.openProcesses.set(d.processId, event.type);
      noteClearanceUsed(state.clearances, d.clearanceId);
      return state;
    }
    case 'TrancheApproved': {
      const t = state.tranches.get(event.data.trancheId);
      if (t) {
        t.status = 'approved';
        t.included = event.data.included;
        t.refused = event.data.refused;
        t.amountFen = event.data.amountFen;
      }
      state.openProcesses.delete(event.data.processId);
      return state;
    }
    case 'TranchePublicized': {
      const t = state.tranches.get(event.data.trancheId);
      if (t) {
        const { publicityId, startsOn, endsOn } = event.data;
        t.publicity = { publicityId, startsOn, endsOn };
      }
      return state;
    }
    case 'ClaimWithdrawnFromTranche': {
      const t = state.tranches.get(event.data.trancheId);
      if (t) {
        t.withdrawn.set(event.data.claimId, event.data.amountFen);
        t.withdrawnBy.set(event.data.claimId, event.data.cause.kind);
        t.amountFen = currentTrancheAmountFen(t);
      }
      return state;
    }
    case 'TrancheDisbursed': {
      const t = state.tranches.get(event.data.trancheId);
      if (t) {
        const { disbursementId, paidOn, amountFen, bankRef } = event.data;
        t.disbursement = { disbursementId, paidOn, amountFen, bankRef };
      }
      noteClearanceUsed(state.clearances, event.data.clearanceId);
      if (event.data.processId) state.openProcesses.set(event.data.processId, event.type);
      return state;
    }
    case 'TrancheClearanceRevoked':
      state.clearances.revoked.add(event.data.clearanceId);
      return state;
    case 'DisbursementReturned': {
      const t = state.tranches.get(event.data.trancheId);
      if (t) applyDisbursementReturned(t, event.data);
      return state;
    }
    case 'ClaimFoundFalse': {
      const claim = state.claims.get(event.data.claimId);
      if (claim) {
        const { caseId, findingId, foundOn } = event.data;
        claim.status = 'fraudulent';
        claim.foundFalse = { caseId, findingId, foundOn };
      }
      return state;
    }
    case 'PaidClaimsReleased':
      state.openProcesses.delete(event.data.processId);
      return state;
    case 'ClawbackAssessed': {
      const t = state.tranches.get(event.data.trancheId);
      if (t) {
        const { clawbackId, caseId, findingId, amountFen } = event.data;
        t.clawbacks.set(event.data.claimId, { clawbackId, caseId, findingId, amountFen });
      }
      return state;
    }
    default: {
      const never: never = event;
      throw new Error(`unhandled event ${JSON.stringify(never)}`);
    }
  }
}

function union(a: readonly Month[], b: readonly Month[]): Month[] {
  return [...new Set([...a, ...b])].sort();
}

export function foldSeatApplication(events: readonly SeatApplicationEvent[]): SeatApplicationState {
  let state = initialSeatApplicationState();
  for (const e of events) state = evolveSeatApplication(state, e);
  return state;
}
