import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { Programme } from '@ledger/domain';
import {
  asLedgerEvent,
  DocumentProjection,
  ListEntry,
  listTermsOf,
  positionSortKey,
} from '../read-model';

export const TRANCHE_LIST_COLLECTION = 'work_list_tranche';

/**
 * What is stored; `payable` and `in-publicity` are `published` split by the
 * notice's end as of a date the query is given (the clock stays out).
 * `in-batch`: claimed by a payment batch (issue #14) and not paid. `returned`
 * is not a stored status but a second entry (`returnedTerm`): a tranche whose
 * last payment came back is also payable, in a batch again, and so on.
 */
export type StoredTrancheStatus = 'approved' | 'published' | 'in-batch' | 'paid' | 'cancelled';

export interface TrancheListItem {
  trancheId: string;
  applicationId: string;
  programme: Programme;
  /** Seat tranche 1–4, lease or purchase year 1–5, 1 for renovation and internship. */
  tranche: number;
  enterpriseId: string | null;
  schoolId: string | null;
  amountFen: number;
  status: StoredTrancheStatus;
  approvedOn: string;
  publicity: { noticeId: string; startsOn: string; endsOn: string } | null;
  paidOn: string | null;
  bankRef: string | null;
  disbursementId: string | null;
  /** R-FRAUD: a finding named the tranche (or, for seats, every claim of it) false. */
  foundFalse: boolean;
  /** The open payment batch holding the tranche (`tranche-batch-{id}`), until released. */
  batch?: { batchId: string; itemId: string } | null;
  /** The last payment the bank sent back (退票); kept once paid again. */
  lastReturn?: {
    disbursementId: string;
    returnedOn: string;
    bankRef: string;
    reason: string;
  } | null;
  listedAt: number;
}

/** Whether the tranche also answers `status=returned`: its last payment came back, not paid again. */
export const isReturnedUnpaid = (doc: TrancheListItem): boolean =>
  !!doc.lastReturn && doc.status !== 'paid' && doc.status !== 'cancelled';

const SITE_PROGRAMME = {
  lease: 'siteLease',
  renovation: 'siteRenovation',
  purchase: 'sitePurchase',
} as const;

/** Entries whose term names `status=published` are ordered by the notice's end: a date range is then a range of ids. */
export function trancheListEntries(doc: TrancheListItem): ListEntry[] {
  const filters = {
    status: doc.status,
    programme: doc.programme,
    enterpriseId: doc.enterpriseId ?? undefined,
    schoolId: doc.schoolId ?? undefined,
  };
  const byPosition = positionSortKey(doc.listedAt);
  const byNoticeEnd = `${doc.publicity?.endsOn ?? ''}|${byPosition}`;
  const entries = listTermsOf(filters).map((term) => ({
    term,
    sortKey: term.includes('status=published') ? byNoticeEnd : byPosition,
  }));
  if (!isReturnedUnpaid(doc)) return entries;
  const returned = listTermsOf({ ...filters, status: 'returned' })
    .filter((term) => term.includes('status=returned'))
    .map((term) => ({ term, sortKey: byPosition }));
  return [...entries, ...returned];
}

function approved(
  event: RecordedEvent,
  d: { trancheId: string; applicationId: string; decidedOn: string; amountFen: number },
  programme: Programme,
  tranche: number,
  party: { enterpriseId?: string; schoolId?: string },
): TrancheListItem {
  return withStatus({
    trancheId: d.trancheId,
    applicationId: d.applicationId,
    programme,
    tranche,
    enterpriseId: party.enterpriseId ?? null,
    schoolId: party.schoolId ?? null,
    amountFen: d.amountFen,
    status: 'approved',
    approvedOn: d.decidedOn,
    publicity: null,
    paidOn: null,
    bankRef: null,
    disbursementId: null,
    foundFalse: false,
    batch: null,
    lastReturn: null,
    listedAt: event.position,
  });
}

/** Nothing left to pay and nothing paid: cancelled (withdrawn, found false, or approved at zero). */
function withStatus(doc: TrancheListItem): TrancheListItem {
  let status: StoredTrancheStatus;
  if (doc.paidOn !== null) status = 'paid';
  else if (doc.foundFalse || doc.amountFen <= 0) status = 'cancelled';
  else if (doc.batch) status = 'in-batch';
  else status = doc.publicity ? 'published' : 'approved';
  return status === doc.status ? doc : { ...doc, status };
}

/** `GET /v1/tranches` (ADR 0017): every approved tranche of every programme. */
export const trancheListProjection: DocumentProjection<TrancheListItem> = {
  kind: 'document',
  name: 'work-list-tranche',
  version: 2,
  collection: TRANCHE_LIST_COLLECTION,
  eventTypes: [
    // Seat tranches.
    'TrancheApproved',
    'TranchePublicized',
    'ClaimWithdrawnFromTranche',
    'TrancheDisbursed',
    'DisbursementReturned',
    // Site tranches.
    'SiteTrancheApproved',
    'SiteTranchePublicized',
    'SiteTrancheWithdrawn',
    'SiteTrancheFoundFalse',
    'SiteTrancheDisbursed',
    'SiteDisbursementReturned',
    // Internship tranches.
    'InternshipTrancheApproved',
    'InternshipTranchePublicized',
    'InternWithdrawnFromTranche',
    'InternshipTrancheFoundFalse',
    'InternshipTrancheDisbursed',
    'InternshipDisbursementReturned',
    // Payment batches.
    'TrancheBatched',
    'TrancheBatchReleased',
  ],
  documentIds(event: RecordedEvent): string[] {
    const e = asLedgerEvent(event);
    switch (e?.type) {
      case 'TrancheApproved':
      case 'SiteTrancheApproved':
      case 'InternshipTrancheApproved':
      case 'TranchePublicized':
      case 'SiteTranchePublicized':
      case 'InternshipTranchePublicized':
      case 'TrancheDisbursed':
      case 'SiteTrancheDisbursed':
      case 'InternshipTrancheDisbursed':
      case 'ClaimWithdrawnFromTranche':
      case 'InternWithdrawnFromTranche':
      case 'SiteTrancheWithdrawn':
      case 'SiteTrancheFoundFalse':
      case 'InternshipTrancheFoundFalse':
      case 'TrancheBatched':
      case 'TrancheBatchReleased':
      case 'DisbursementReturned':
      case 'SiteDisbursementReturned':
      case 'InternshipDisbursementReturned':
        return [e.data.trancheId];
      default:
        return [];
    }
  },
  evolve(doc, event) {
    const e = asLedgerEvent(event);
    if (!e) return doc;
    switch (e.type) {
      case 'TrancheApproved':
        return doc ?? approved(event, e.data, 'seat', e.data.tranche, e.data);
      case 'SiteTrancheApproved':
        return (
          doc ??
          approved(
            event,
            { ...e.data, applicationId: e.data.siteId },
            SITE_PROGRAMME[e.data.kind],
            e.data.year ?? 1,
            e.data,
          )
        );
      case 'InternshipTrancheApproved':
        return doc ?? approved(event, e.data, 'internship', 1, e.data);
    }
    if (!doc) return doc;
    switch (e.type) {
      case 'TranchePublicized':
      case 'SiteTranchePublicized':
      case 'InternshipTranchePublicized': {
        const { publicityId, startsOn, endsOn } = e.data;
        return withStatus({ ...doc, publicity: { noticeId: publicityId, startsOn, endsOn } });
      }
      case 'TrancheDisbursed':
      case 'SiteTrancheDisbursed':
      case 'InternshipTrancheDisbursed':
        return withStatus({
          ...doc,
          paidOn: e.data.paidOn,
          bankRef: e.data.bankRef,
          disbursementId: e.data.disbursementId,
        });
      case 'ClaimWithdrawnFromTranche':
      case 'InternWithdrawnFromTranche':
        if (doc.paidOn !== null) return doc;
        return withStatus({ ...doc, amountFen: doc.amountFen - e.data.amountFen });
      case 'SiteTrancheWithdrawn':
        return withStatus({ ...doc, amountFen: 0 });
      case 'SiteTrancheFoundFalse':
      case 'InternshipTrancheFoundFalse':
        return withStatus({ ...doc, foundFalse: true });
      case 'TrancheBatched':
        return withStatus({ ...doc, batch: { batchId: e.data.batchId, itemId: e.data.itemId } });
      case 'TrancheBatchReleased':
        if (doc.batch?.itemId !== e.data.itemId) return doc;
        return withStatus({ ...doc, batch: null });
      case 'DisbursementReturned':
      case 'SiteDisbursementReturned':
      case 'InternshipDisbursementReturned': {
        if (doc.disbursementId !== e.data.disbursementId) return doc;
        const { disbursementId, returnedOn, bankRef, reason } = e.data;
        return withStatus({
          ...doc,
          paidOn: null,
          bankRef: null,
          disbursementId: null,
          lastReturn: { disbursementId, returnedOn, bankRef, reason },
        });
      }
      default:
        return doc;
    }
  },
  listing: trancheListEntries,
};
