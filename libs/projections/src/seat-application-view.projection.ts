import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import {
  ClaimStatus,
  ConflictRef,
  IncludedClaim,
  LedgerEventType,
  RefusedClaim,
  SEAT_APPLICATION_EVENT_TYPES,
} from '@ledger/domain';
import { asLedgerEvent, cloneDocument, DocumentProjection } from './read-model';
import { returnPaymentOf, ViewReturnedPayment } from './returned-payment';

export const SEAT_APPLICATION_COLLECTION = 'seat_application';

export interface SeatApplicationClaimView {
  claimId: string;
  /** Full ID number: the API masks it for roles that may not see it. */
  personId: string;
  personIdMasked: string;
  name: string;
  status: ClaimStatus;
  /** R-SEAT-2 qualifying months. */
  months: string[];
  wageMonths: string[];
  insuranceMonths: string[];
  rule?: string;
  reason?: string;
  conflictsWith?: ConflictRef[];
  /** R-FRAUD: the finding that named the claim false (status `fraudulent`). */
  foundFalse?: { caseId: string; findingId: string; foundOn: string };
}

export interface SeatApplicationTrancheView {
  trancheId: string;
  tranche: number;
  status: 'approving' | 'approved';
  decidedOn: string;
  /** What the tranche pays now: included claims less withdrawn ones. */
  amountFen: number;
  included: IncludedClaim[];
  refused: RefusedClaim[];
  withdrawn: { claimId: string; amountFen: number }[];
  publicity?: { publicityId: string; startsOn: string; endsOn: string };
  disbursement?: { disbursementId: string; paidOn: string; amountFen: number; bankRef: string };
  /** Payments the bank sent back (退票): the tranche was payable again after each. */
  returned?: ViewReturnedPayment[];
  /** R-FRAUD: shares of the payment a finding made due back (absent when none). */
  clawbacks?: { claimId: string; clawbackId: string; caseId: string; amountFen: number }[];
}

/** The answer of `GET /v1/seat-applications/:id`. */
export interface SeatApplicationView {
  applicationId: string;
  enterpriseId: string;
  submittedOn: string;
  /** `checking` until the enterprise and person steps of the submission have answered. */
  status: 'checking' | 'open';
  /** R-SEAT-2 months the first tranche needs; `null` while checking. */
  firstTrancheMonths: number | null;
  claims: SeatApplicationClaimView[];
  reviews: { reviewedBy: string; decidedOn: string }[];
  tranches: SeatApplicationTrancheView[];
  /** Position of the last event folded in: an older or repeated event is ignored. */
  lastPosition: number;
}

/**
 * The seat application events the view reads (each names its application):
 * all but the clearance's and the seats' release, which change nothing shown.
 */
const SEAT_APPLICATION_VIEW_TYPES: readonly LedgerEventType[] = SEAT_APPLICATION_EVENT_TYPES.filter(
  (type) => type !== 'TrancheClearanceRevoked' && type !== 'PaidClaimsReleased',
);

const SEAT_APPLICATION_TYPES: ReadonlySet<string> = new Set(SEAT_APPLICATION_VIEW_TYPES);

/**
 * The same semantics as the domain's `evolveSeatApplication`, as a JSON
 * document (arrays in submission and tranche order instead of maps).
 */
export const seatApplicationViewProjection: DocumentProjection<SeatApplicationView> = {
  kind: 'document',
  name: 'seat-application-view',
  version: 1,
  collection: SEAT_APPLICATION_COLLECTION,
  eventTypes: SEAT_APPLICATION_VIEW_TYPES,
  documentIds(event: RecordedEvent): string[] {
    const e = asLedgerEvent(event);
    if (!e || !isSeatApplicationEvent(e.type)) return [];
    return [(e.data as { applicationId: string }).applicationId];
  },
  evolve: evolveSeatApplicationView,
};

function isSeatApplicationEvent(type: string): boolean {
  return SEAT_APPLICATION_TYPES.has(type);
}

export function evolveSeatApplicationView(
  current: SeatApplicationView | undefined,
  event: RecordedEvent,
): SeatApplicationView | undefined {
  const e = asLedgerEvent(event);
  if (!e || !isSeatApplicationEvent(e.type)) return current;
  if (e.type === 'SeatApplicationSubmitted') {
    if (current) return current;
    const d = e.data;
    return {
      applicationId: d.applicationId,
      enterpriseId: d.enterpriseId,
      submittedOn: d.submittedOn,
      status: 'checking',
      firstTrancheMonths: null,
      claims: d.claims.map((c) => ({
        claimId: c.claimId,
        personId: c.personId,
        personIdMasked: c.personIdMasked,
        name: c.name,
        status: 'pending',
        months: [...c.months],
        wageMonths: [...c.wageMonths],
        insuranceMonths: [...c.insuranceMonths],
      })),
      reviews: [],
      tranches: [],
      lastPosition: event.position,
    };
  }
  // Nothing to fold into before the submission; a repeat changes nothing.
  if (!current || event.position <= current.lastPosition) return current;
  const doc = cloneDocument(current);
  doc.lastPosition = event.position;
  const claim = (claimId: string) => doc.claims.find((c) => c.claimId === claimId);
  const tranche = (trancheId: string) => doc.tranches.find((t) => t.trancheId === trancheId);

  switch (e.type) {
    case 'SeatApplicationChecked':
      doc.status = 'open';
      doc.firstTrancheMonths = e.data.firstTrancheMonths;
      for (const r of e.data.results) {
        const c = claim(r.claimId);
        if (!c) continue;
        c.status = r.status;
        setOptional(c, 'rule', r.rule);
        setOptional(c, 'reason', r.reason);
        setOptional(c, 'conflictsWith', r.conflictsWith);
      }
      return doc;
    case 'EvidenceFiled':
      // Wages and insurance filed are part of the roster even when the months
      // they add are refused; only accepted months count (EvidenceChecked).
      for (const filed of e.data.claims) {
        const c = claim(filed.claimId);
        if (!c) continue;
        c.wageMonths = union(c.wageMonths, filed.wageMonths);
        c.insuranceMonths = union(c.insuranceMonths, filed.insuranceMonths);
      }
      return doc;
    case 'EvidenceChecked':
      for (const r of e.data.results) {
        const c = claim(r.claimId);
        if (c && r.status === 'accepted') c.months = union(c.months, r.addedMonths);
      }
      return doc;
    case 'ApplicationReviewed':
      doc.reviews.push({ reviewedBy: e.data.reviewedBy, decidedOn: e.data.decidedOn });
      for (const decision of e.data.decisions) {
        const c = claim(decision.claimId);
        if (!c) continue;
        c.status = decision.approve ? 'approved' : 'rejected';
        if (!decision.approve) setOptional(c, 'reason', decision.reason);
      }
      return doc;
    case 'RejectedClaimsReleased':
      return doc;
    case 'TrancheApprovalStarted': {
      const d = e.data;
      if (tranche(d.trancheId)) return doc;
      doc.tranches.push({
        trancheId: d.trancheId,
        tranche: d.tranche,
        status: 'approving',
        decidedOn: d.decidedOn,
        amountFen: 0,
        included: [],
        refused: d.refused,
        withdrawn: [],
      });
      doc.tranches.sort((a, b) => a.tranche - b.tranche);
      return doc;
    }
    case 'TrancheApproved': {
      const t = tranche(e.data.trancheId);
      if (t) {
        t.status = 'approved';
        t.included = e.data.included;
        t.refused = e.data.refused;
        t.amountFen = e.data.amountFen;
      }
      return doc;
    }
    case 'TranchePublicized': {
      const t = tranche(e.data.trancheId);
      if (t) {
        const { publicityId, startsOn, endsOn } = e.data;
        t.publicity = { publicityId, startsOn, endsOn };
      }
      return doc;
    }
    case 'ClaimWithdrawnFromTranche': {
      const t = tranche(e.data.trancheId);
      if (t && !t.withdrawn.some((w) => w.claimId === e.data.claimId)) {
        t.withdrawn.push({ claimId: e.data.claimId, amountFen: e.data.amountFen });
        t.amountFen = currentAmountFen(t);
      }
      return doc;
    }
    case 'DisbursementReturned':
      returnPaymentOf(tranche(e.data.trancheId), e.data);
      return doc;
    case 'TrancheDisbursed': {
      const t = tranche(e.data.trancheId);
      if (t) {
        const { disbursementId, paidOn, amountFen, bankRef } = e.data;
        t.disbursement = { disbursementId, paidOn, amountFen, bankRef };
      }
      return doc;
    }
    case 'ClaimFoundFalse': {
      const c = claim(e.data.claimId);
      if (c) {
        const { caseId, findingId, foundOn } = e.data;
        c.status = 'fraudulent';
        c.foundFalse = { caseId, findingId, foundOn };
      }
      return doc;
    }
    case 'ClawbackAssessed': {
      const t = tranche(e.data.trancheId);
      if (t) {
        const { claimId, clawbackId, caseId, amountFen } = e.data;
        (t.clawbacks ??= []).push({ claimId, clawbackId, caseId, amountFen });
      }
      return doc;
    }
    default:
      return current;
  }
}

function currentAmountFen(t: SeatApplicationTrancheView): number {
  const withdrawn = new Set(t.withdrawn.map((w) => w.claimId));
  let amountFen = 0;
  for (const c of t.included) if (!withdrawn.has(c.claimId)) amountFen += c.amountFen;
  return amountFen;
}

/** Sets an optional field, or removes it, so the document never holds `undefined`. */
function setOptional<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])].sort();
}
