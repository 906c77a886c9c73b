import { applyDisbursementReturned, ReturnedPayment } from '../tranche/disbursement-return';
import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';
import { InternLevel } from '../rules/internship-reward.rule';
import { FoundFalseTranche } from '../tranche/false-tranche';
import { PayableTranche } from '../tranche/payable-tranche';
import { noClearances, noteClearanceUsed, TrancheClearances } from '../tranche/tranche-clearance';
import { Intern, InternshipEvent, InternshipWithdrawalCause } from './internship.events';

export interface InternshipTrancheState extends PayableTranche {
  approvedBy: string;
  policyVersion: string;
  candidates: { internId: string; personKey: string; level: InternLevel; requestedFen: Fen }[];
  included: { internId: string; personKey: string; amountFen: Fen }[];
  refused: { internId: string; rule: string; reason: string }[];
  /** Interns an upheld objection took out, by intern id. */
  withdrawn: Map<string, { amountFen: Fen; cause: InternshipWithdrawalCause }>;
  publicity?: { publicityId: string; startsOn: BusinessDate; endsOn: BusinessDate };
  disbursement?: { disbursementId: string; paidOn: BusinessDate; amountFen: Fen; bankRef: string };
  /** Payments the bank sent back (退票): the tranche was payable again after each. */
  returned?: ReturnedPayment[];
  /** What the approval decided, before any withdrawal. */
  approvedFen: Fen;
  /** R-FRAUD: the finding that named the whole tranche false, and what it did. */
  foundFalse?: FoundFalseTranche;
}

export interface InternshipState {
  exists: boolean;
  applicationId: string;
  schoolId: string;
  year: number;
  submittedOn: BusinessDate;
  policyVersion: string;
  interns: Map<string, Intern>;
  internsSent: number;
  retained: number;
  retentionBasisPoints: number;
  reviewerIds: string[];
  tranche?: InternshipTrancheState;
  openProcesses: Set<string>;
  /** R-FRAUD (ADR 0014): clearances its approval and payment used, and those a suspension revoked. */
  clearances: TrancheClearances;
}

export const initialInternshipState = (): InternshipState => ({
  exists: false,
  applicationId: '',
  schoolId: '',
  year: 0,
  submittedOn: '',
  policyVersion: '',
  interns: new Map(),
  internsSent: 0,
  retained: 0,
  retentionBasisPoints: 0,
  reviewerIds: [],
  openProcesses: new Set(),
  clearances: noClearances(),
});

function currentAmountFen(t: InternshipTrancheState): Fen {
  let amountFen = 0;
  for (const c of t.included) if (!t.withdrawn.has(c.internId)) amountFen += c.amountFen;
  return amountFen;
}

/** Mutates and returns `state`; callers fold from a fresh initial state. */
export function evolveInternship(state: InternshipState, event: InternshipEvent): InternshipState {
  switch (event.type) {
    case 'InternshipApplicationSubmitted': {
      const d = event.data;
      state.exists = true;
      state.applicationId = d.applicationId;
      state.schoolId = d.schoolId;
      state.year = d.year;
      state.submittedOn = d.submittedOn;
      state.policyVersion = d.policyVersion;
      for (const i of d.interns) state.interns.set(i.internId, i);
      state.internsSent = d.internsSent;
      state.retained = d.retained;
      state.retentionBasisPoints = d.retentionBasisPoints;
      state.reviewerIds = [...d.reviewerIds];
      return state;
    }
    case 'InternshipTrancheApprovalStarted': {
      const d = event.data;
      state.tranche = {
        trancheId: d.trancheId,
        status: 'approving',
        decidedOn: d.decidedOn,
        approvedBy: d.approvedBy,
        policyVersion: d.policyVersion,
        candidates: d.candidates,
        included: [],
        refused: [],
        withdrawn: new Map(),
        amountFen: 0,
        approvedFen: 0,
      };
      state.openProcesses.add(d.processId);
      noteClearanceUsed(state.clearances, d.clearanceId);
      return state;
    }
    case 'InternshipTrancheApproved': {
      const t = state.tranche;
      if (t && t.trancheId === event.data.trancheId) {
        t.status = 'approved';
        t.included = event.data.included;
        t.refused = event.data.refused;
        t.amountFen = event.data.amountFen;
        t.approvedFen = event.data.amountFen;
      }
      state.openProcesses.delete(event.data.processId);
      return state;
    }
    case 'InternshipTranchePublicized': {
      const t = state.tranche;
      if (t && t.trancheId === event.data.trancheId) {
        const { publicityId, startsOn, endsOn } = event.data;
        t.publicity = { publicityId, startsOn, endsOn };
      }
      return state;
    }
    case 'InternWithdrawnFromTranche': {
      const t = state.tranche;
      if (t && t.trancheId === event.data.trancheId) {
        t.withdrawn.set(event.data.internId, {
          amountFen: event.data.amountFen,
          cause: event.data.cause,
        });
        t.amountFen = t.foundFalse ? 0 : currentAmountFen(t);
      }
      return state;
    }
    case 'InternshipTrancheDisbursed': {
      const t = state.tranche;
      if (t && t.trancheId === event.data.trancheId) {
        const { disbursementId, paidOn, amountFen, bankRef } = event.data;
        t.disbursement = { disbursementId, paidOn, amountFen, bankRef };
      }
      noteClearanceUsed(state.clearances, event.data.clearanceId);
      return state;
    }
    case 'TrancheClearanceRevoked':
      state.clearances.revoked.add(event.data.clearanceId);
      return state;
    case 'InternshipDisbursementReturned': {
      const t = state.tranche;
      if (t && t.trancheId === event.data.trancheId) applyDisbursementReturned(t, event.data);
      return state;
    }
    case 'InternshipTrancheFoundFalse': {
      const t = state.tranche;
      if (t && t.trancheId === event.data.trancheId) {
        const { caseId, findingId, foundOn, cancelledFen, clawback } = event.data;
        t.foundFalse = { caseId, findingId, foundOn, cancelledFen, clawback };
        if (!t.disbursement) t.amountFen = 0;
      }
      return state;
    }
    default: {
      const never: never = event;
      throw new Error(`unhandled event ${JSON.stringify(never)}`);
    }
  }
}

export function foldInternship(events: readonly InternshipEvent[]): InternshipState {
  return events.reduce(evolveInternship, initialInternshipState());
}
