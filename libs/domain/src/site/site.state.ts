import { applyDisbursementReturned, ReturnedPayment } from '../tranche/disbursement-return';
import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';
import { SiteKind } from '../rules/site-premises.rule';
import { FoundFalseTranche } from '../tranche/false-tranche';
import { PayableTranche } from '../tranche/payable-tranche';
import { noClearances, noteClearanceUsed, TrancheClearances } from '../tranche/tranche-clearance';
import {
  SiteEvent,
  SiteLease,
  SitePremises,
  SitePurchase,
  SiteRenovation,
  SiteWithdrawalCause,
} from './site.events';

export interface SiteTrancheState extends PayableTranche {
  year?: number;
  approvedBy: string;
  policyVersion: string;
  specialTermsId?: string;
  /** Renovation and purchase: the amount asked at the start. */
  requestedFen?: Fen;
  leaseYear?: { from: BusinessDate; to: BusinessDate };
  /** Lease: the day its effective seats are counted on (R-SITE-LEASE). */
  seatsCountedOn?: BusinessDate;
  perSeatFen?: Fen;
  effectiveSeats?: number;
  seats?: number;
  /** What the approval decided, before any withdrawal. */
  approvedFen: Fen;
  withdrawn?: { amountFen: Fen; cause: SiteWithdrawalCause };
  publicity?: { publicityId: string; startsOn: BusinessDate; endsOn: BusinessDate };
  disbursement?: { disbursementId: string; paidOn: BusinessDate; amountFen: Fen; bankRef: string };
  /** Payments the bank sent back (退票): the tranche was payable again after each. */
  returned?: ReturnedPayment[];
  /** R-FRAUD: the finding that named the whole tranche false, and what it did. */
  foundFalse?: FoundFalseTranche;
}

export interface SiteState {
  exists: boolean;
  siteId: string;
  enterpriseId: string;
  kind: SiteKind;
  submittedOn: BusinessDate;
  policyVersion: string;
  /** R-SPECIAL: the terms the application's amounts were decided under, if any. */
  specialTermsId?: string;
  premises: SitePremises;
  lease?: SiteLease;
  renovation?: SiteRenovation;
  purchase?: SitePurchase;
  totalFen?: Fen;
  yearFen?: Fen[];
  reviewerIds: string[];
  tranches: Map<string, SiteTrancheState>;
  openProcesses: Set<string>;
  /** R-FRAUD (ADR 0014): clearances its approvals and payments used, and those a suspension revoked. */
  clearances: TrancheClearances;
}

export const initialSiteState = (): SiteState => ({
  exists: false,
  siteId: '',
  enterpriseId: '',
  kind: 'lease',
  submittedOn: '',
  policyVersion: '',
  premises: { address: '', premisesKey: '' },
  reviewerIds: [],
  tranches: new Map(),
  openProcesses: new Set(),
  clearances: noClearances(),
});

/** Mutates and returns `state`; callers fold from a fresh initial state. */
export function evolveSite(state: SiteState, event: SiteEvent): SiteState {
  switch (event.type) {
    case 'SiteApplicationSubmitted': {
      const d = event.data;
      state.exists = true;
      state.siteId = d.siteId;
      state.enterpriseId = d.enterpriseId;
      state.kind = d.kind;
      state.submittedOn = d.submittedOn;
      state.policyVersion = d.policyVersion;
      state.specialTermsId = d.specialTermsId;
      state.premises = d.premises;
      state.lease = d.lease;
      state.renovation = d.renovation;
      state.purchase = d.purchase;
      state.totalFen = d.totalFen;
      state.yearFen = d.yearFen;
      state.reviewerIds = [...d.reviewerIds];
      return state;
    }
    case 'SiteTrancheApprovalStarted': {
      const d = event.data;
      state.tranches.set(d.trancheId, {
        trancheId: d.trancheId,
        year: d.year,
        status: 'approving',
        decidedOn: d.decidedOn,
        approvedBy: d.approvedBy,
        policyVersion: d.policyVersion,
        specialTermsId: d.specialTermsId,
        requestedFen: d.amountFen,
        leaseYear:
          d.leaseYearFrom && d.leaseYearTo
            ? { from: d.leaseYearFrom, to: d.leaseYearTo }
            : undefined,
        seatsCountedOn: d.seatsCountedOn ?? (d.leaseYearFrom ? d.decidedOn : undefined),
        perSeatFen: d.perSeatFen,
        amountFen: 0,
        approvedFen: 0,
      });
      state.openProcesses.add(d.processId);
      noteClearanceUsed(state.clearances, d.clearanceId);
      return state;
    }
    case 'SiteTrancheApproved': {
      const t = state.tranches.get(event.data.trancheId);
      if (t) {
        t.status = 'approved';
        t.amountFen = event.data.amountFen;
        t.approvedFen = event.data.amountFen;
        t.effectiveSeats = event.data.effectiveSeats;
        t.seats = event.data.seats;
      }
      state.openProcesses.delete(event.data.processId);
      return state;
    }
    case 'SiteTranchePublicized': {
      const t = state.tranches.get(event.data.trancheId);
      if (t) {
        const { publicityId, startsOn, endsOn } = event.data;
        t.publicity = { publicityId, startsOn, endsOn };
      }
      return state;
    }
    case 'SiteTrancheWithdrawn': {
      const t = state.tranches.get(event.data.trancheId);
      if (t) {
        t.withdrawn = { amountFen: event.data.amountFen, cause: event.data.cause };
        t.amountFen = 0;
      }
      return state;
    }
    case 'SiteTrancheDisbursed': {
      const t = state.tranches.get(event.data.trancheId);
      if (t) {
        const { disbursementId, paidOn, amountFen, bankRef } = event.data;
        t.disbursement = { disbursementId, paidOn, amountFen, bankRef };
      }
      noteClearanceUsed(state.clearances, event.data.clearanceId);
      return state;
    }
    case 'TrancheClearanceRevoked':
      state.clearances.revoked.add(event.data.clearanceId);
      return state;
    case 'SiteDisbursementReturned': {
      const t = state.tranches.get(event.data.trancheId);
      if (t) applyDisbursementReturned(t, event.data);
      return state;
    }
    case 'SiteTrancheFoundFalse': {
      const t = state.tranches.get(event.data.trancheId);
      if (t) {
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

export function foldSite(events: readonly SiteEvent[]): SiteState {
  return events.reduce(evolveSite, initialSiteState());
}
