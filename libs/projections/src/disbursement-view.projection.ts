import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { siteProgrammeOf } from '@ledger/domain';
import { asLedgerEvent, cloneDocument, DocumentProjection } from './read-model';

export const DISBURSEMENT_COLLECTION = 'disbursement';

/** One case that made (part of) a payment due back, and what has come back of it. */
export interface DisbursementReversal {
  caseId: string;
  /** Due back on this payment by this case. */
  amountFen: number;
  /** Recovered so far (recoveries allocated to this payment, oldest payment first). */
  recoveredFen: number;
  /** The false claims whose shares of the payment are due back (none when the whole tranche was false). */
  claimIds: string[];
  clawbackIds: string[];
}

/** `GET /v1/disbursements/:id`: one payment, and the cases that reversed it (R-FRAUD). */
export interface DisbursementView {
  disbursementId: string;
  trancheId: string;
  /** The seat application, site application or internship application paid. */
  applicationId: string;
  /** The enterprise paid (absent for an internship reward, paid to a school). */
  enterpriseId?: string;
  /** Site and internship payments (issue #7); absent for seat payments. */
  programme?: string;
  schoolId?: string;
  paidOn: string;
  amountFen: number;
  bankRef: string;
  paidBy: string;
  reversedBy: DisbursementReversal[];
  /** 退票 (issue #14): the bank sent the payment back; it no longer counts as paid. */
  returned?: { returnedOn: string; bankRef: string; reason: string };
  /** Position of the last case event folded in (absent until a case touches the payment). */
  lastPosition?: number;
}

export const disbursementViewProjection: DocumentProjection<DisbursementView> = {
  kind: 'document',
  name: 'disbursement-view',
  version: 1,
  collection: DISBURSEMENT_COLLECTION,
  eventTypes: [
    // Seat applications.
    'TrancheDisbursed',
    'DisbursementReturned',
    'ClawbackAssessed',
    // Site and internship tranches; found false, only when paid (`clawback` set).
    'SiteTrancheDisbursed',
    'SiteDisbursementReturned',
    'SiteTrancheFoundFalse',
    'InternshipTrancheDisbursed',
    'InternshipDisbursementReturned',
    'InternshipTrancheFoundFalse',
    // Cases: a recovery, per payment it is allocated to.
    'RecoveryRecorded',
  ],
  documentIds(event: RecordedEvent): string[] {
    const e = asLedgerEvent(event);
    switch (e?.type) {
      case 'TrancheDisbursed':
      case 'ClawbackAssessed':
      case 'SiteTrancheDisbursed':
      case 'InternshipTrancheDisbursed':
      case 'DisbursementReturned':
      case 'SiteDisbursementReturned':
      case 'InternshipDisbursementReturned':
        return [e.data.disbursementId];
      case 'SiteTrancheFoundFalse':
      case 'InternshipTrancheFoundFalse':
        return e.data.clawback ? [e.data.clawback.disbursementId] : [];
      case 'RecoveryRecorded':
        return [...new Set(e.data.allocations.map((a) => a.disbursementId))];
      default:
        return [];
    }
  },
  evolve: evolveDisbursementView,
};

export function evolveDisbursementView(
  current: DisbursementView | undefined,
  event: RecordedEvent,
): DisbursementView | undefined {
  const e = asLedgerEvent(event);
  if (e?.type === 'TrancheDisbursed') {
    // A payment is recorded once (R-PAY); a repeat of its event changes nothing.
    if (current) return current;
    const d = e.data;
    return {
      disbursementId: d.disbursementId,
      trancheId: d.trancheId,
      applicationId: d.applicationId,
      enterpriseId: d.enterpriseId,
      paidOn: d.paidOn,
      amountFen: d.amountFen,
      bankRef: d.bankRef,
      paidBy: d.paidBy,
      reversedBy: [],
    };
  }
  if (e?.type === 'SiteTrancheDisbursed' || e?.type === 'InternshipTrancheDisbursed') {
    if (current) return current;
    const d = e.data;
    const common = {
      disbursementId: d.disbursementId,
      trancheId: d.trancheId,
      paidOn: d.paidOn,
      amountFen: d.amountFen,
      bankRef: d.bankRef,
      paidBy: d.paidBy,
      reversedBy: [],
    };
    return e.type === 'SiteTrancheDisbursed'
      ? {
          ...common,
          applicationId: e.data.siteId,
          enterpriseId: e.data.enterpriseId,
          programme: siteProgrammeOf(e.data.kind),
        }
      : {
          ...common,
          applicationId: e.data.applicationId,
          schoolId: e.data.schoolId,
          programme: 'internship',
        };
  }
  if (
    e?.type === 'DisbursementReturned' ||
    e?.type === 'SiteDisbursementReturned' ||
    e?.type === 'InternshipDisbursementReturned'
  ) {
    if (!current || current.returned) return current;
    const { returnedOn, bankRef, reason } = e.data;
    return { ...current, returned: { returnedOn, bankRef, reason } };
  }
  if (!current || event.position <= (current.lastPosition ?? 0)) return current;
  if (
    e?.type !== 'ClawbackAssessed' &&
    e?.type !== 'RecoveryRecorded' &&
    e?.type !== 'SiteTrancheFoundFalse' &&
    e?.type !== 'InternshipTrancheFoundFalse'
  ) {
    return current;
  }
  const doc = cloneDocument(current);
  doc.lastPosition = event.position;
  const reversal = (caseId: string): DisbursementReversal => {
    let r = doc.reversedBy.find((x) => x.caseId === caseId);
    if (!r) {
      r = { caseId, amountFen: 0, recoveredFen: 0, claimIds: [], clawbackIds: [] };
      doc.reversedBy.push(r);
    }
    return r;
  };
  if (e.type === 'ClawbackAssessed') {
    const r = reversal(e.data.caseId);
    r.amountFen += e.data.amountFen;
    if (!r.claimIds.includes(e.data.claimId)) r.claimIds.push(e.data.claimId);
    r.clawbackIds.push(e.data.clawbackId);
    return doc;
  }
  if (e.type === 'SiteTrancheFoundFalse' || e.type === 'InternshipTrancheFoundFalse') {
    // The whole payment is false: no claim is named, the tranche is.
    const c = e.data.clawback;
    if (!c || c.disbursementId !== doc.disbursementId) return current;
    const r = reversal(e.data.caseId);
    r.amountFen += c.amountFen;
    r.clawbackIds.push(c.clawbackId);
    return doc;
  }
  for (const a of e.data.allocations) {
    if (a.disbursementId === doc.disbursementId)
      reversal(e.data.caseId).recoveredFen += a.amountFen;
  }
  return doc;
}
