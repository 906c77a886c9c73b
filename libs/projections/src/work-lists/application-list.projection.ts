import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import {
  asLedgerEvent,
  DocumentProjection,
  ListEntry,
  listTermsOf,
  positionSortKey,
} from '../read-model';

export const SEAT_APPLICATION_LIST_COLLECTION = 'work_list_seat_application';
export const SITE_APPLICATION_LIST_COLLECTION = 'work_list_site_application';
export const INTERNSHIP_APPLICATION_LIST_COLLECTION = 'work_list_internship_application';

export const SEAT_APPLICATION_LIST_STATUSES = [
  'submitted',
  'reviewed',
  'partly-paid',
  'paid',
] as const;
export type SeatApplicationListStatus = (typeof SEAT_APPLICATION_LIST_STATUSES)[number];
export const SITE_APPLICATION_LIST_STATUSES = [
  'submitted',
  'approved',
  'partly-paid',
  'paid',
] as const;
export type SiteApplicationListStatus = (typeof SITE_APPLICATION_LIST_STATUSES)[number];
export const INTERNSHIP_APPLICATION_LIST_STATUSES = ['submitted', 'approved', 'paid'] as const;
export type InternshipApplicationListStatus = (typeof INTERNSHIP_APPLICATION_LIST_STATUSES)[number];

/** The four seat tranches (R-SEAT-3): paid in full once the fourth is paid. */
const SEAT_TRANCHES = 4;

export interface SeatApplicationListItem {
  applicationId: string;
  enterpriseId: string;
  submittedOn: string;
  claimCount: number;
  status: SeatApplicationListStatus;
  reviewedOn: string | null;
  tranchesApproved: number[];
  tranchesPaid: number[];
  approvedFen: number;
  paidFen: number;
  listedAt: number;
}

export interface SiteApplicationListItem {
  applicationId: string;
  enterpriseId: string;
  kind: 'lease' | 'renovation' | 'purchase';
  submittedOn: string;
  address: string;
  /** Renovation and purchase: decided at application; lease: by year. */
  totalFen: number | null;
  status: SiteApplicationListStatus;
  tranchesApproved: number;
  tranchesPaid: number;
  approvedFen: number;
  paidFen: number;
  listedAt: number;
}

export interface InternshipApplicationListItem {
  applicationId: string;
  schoolId: string;
  year: number;
  submittedOn: string;
  internsSent: number;
  retained: number;
  status: InternshipApplicationListStatus;
  approvedFen: number;
  paidFen: number;
  listedAt: number;
}

const byPosition =
  (filters: (doc: { listedAt: number }) => Record<string, string | undefined>) =>
  (doc: { listedAt: number }): ListEntry[] =>
    listTermsOf(filters(doc)).map((term) => ({ term, sortKey: positionSortKey(doc.listedAt) }));

/** `{applicationId}.t{k}` → k. */
const seatTrancheNumber = (trancheId: string): number => Number(trancheId.split('.t').pop());

function seatStatus(doc: SeatApplicationListItem): SeatApplicationListStatus {
  if (doc.tranchesPaid.includes(SEAT_TRANCHES)) return 'paid';
  if (doc.tranchesPaid.length > 0) return 'partly-paid';
  return doc.reviewedOn === null ? 'submitted' : 'reviewed';
}

/** `GET /v1/seat-applications` (ADR 0017). */
export const seatApplicationListProjection: DocumentProjection<SeatApplicationListItem> = {
  kind: 'document',
  name: 'work-list-seat-application',
  version: 1,
  collection: SEAT_APPLICATION_LIST_COLLECTION,
  eventTypes: [
    'SeatApplicationSubmitted',
    'ApplicationReviewed',
    'TrancheApproved',
    'TrancheDisbursed',
    'DisbursementReturned',
  ],
  documentIds(event: RecordedEvent): string[] {
    const e = asLedgerEvent(event);
    switch (e?.type) {
      case 'SeatApplicationSubmitted':
      case 'ApplicationReviewed':
      case 'TrancheApproved':
      case 'TrancheDisbursed':
      case 'DisbursementReturned':
        return [e.data.applicationId];
      default:
        return [];
    }
  },
  evolve(doc, event) {
    const e = asLedgerEvent(event);
    if (!e) return doc;
    let next: SeatApplicationListItem;
    switch (e.type) {
      case 'SeatApplicationSubmitted':
        if (doc) return doc;
        next = {
          applicationId: e.data.applicationId,
          enterpriseId: e.data.enterpriseId,
          submittedOn: e.data.submittedOn,
          claimCount: e.data.claims?.length ?? 0,
          status: 'submitted',
          reviewedOn: null,
          tranchesApproved: [],
          tranchesPaid: [],
          approvedFen: 0,
          paidFen: 0,
          listedAt: event.position,
        };
        break;
      case 'ApplicationReviewed':
        if (!doc) return doc;
        next = { ...doc, reviewedOn: doc.reviewedOn ?? e.data.decidedOn };
        break;
      case 'TrancheApproved':
        if (!doc || doc.tranchesApproved.includes(e.data.tranche)) return doc;
        next = {
          ...doc,
          tranchesApproved: [...doc.tranchesApproved, e.data.tranche],
          approvedFen: doc.approvedFen + e.data.amountFen,
        };
        break;
      case 'TrancheDisbursed': {
        const k = seatTrancheNumber(e.data.trancheId);
        if (!doc || doc.tranchesPaid.includes(k)) return doc;
        next = {
          ...doc,
          tranchesPaid: [...doc.tranchesPaid, k],
          paidFen: doc.paidFen + e.data.amountFen,
        };
        break;
      }
      // 退票: the tranche is unpaid again.
      case 'DisbursementReturned': {
        const k = seatTrancheNumber(e.data.trancheId);
        if (!doc || !doc.tranchesPaid.includes(k)) return doc;
        next = {
          ...doc,
          tranchesPaid: doc.tranchesPaid.filter((x) => x !== k),
          paidFen: doc.paidFen - e.data.amountFen,
        };
        break;
      }
      default:
        return doc;
    }
    return { ...next, status: seatStatus(next) };
  },
  listing: byPosition((doc) => {
    const d = doc as SeatApplicationListItem;
    return { status: d.status, enterpriseId: d.enterpriseId };
  }),
};

function siteStatus(doc: SiteApplicationListItem): SiteApplicationListStatus {
  const all = doc.kind === 'renovation' ? 1 : 5;
  if (doc.tranchesPaid >= all) return 'paid';
  if (doc.tranchesPaid > 0) return 'partly-paid';
  return doc.tranchesApproved > 0 ? 'approved' : 'submitted';
}

/** `GET /v1/site-applications` (ADR 0017). */
export const siteApplicationListProjection: DocumentProjection<SiteApplicationListItem> = {
  kind: 'document',
  name: 'work-list-site-application',
  version: 1,
  collection: SITE_APPLICATION_LIST_COLLECTION,
  eventTypes: [
    'SiteApplicationSubmitted',
    'SiteTrancheApproved',
    'SiteTrancheDisbursed',
    'SiteDisbursementReturned',
  ],
  documentIds(event: RecordedEvent): string[] {
    const e = asLedgerEvent(event);
    switch (e?.type) {
      case 'SiteApplicationSubmitted':
      case 'SiteTrancheApproved':
      case 'SiteTrancheDisbursed':
      case 'SiteDisbursementReturned':
        return [e.data.siteId];
      default:
        return [];
    }
  },
  evolve(doc, event) {
    const e = asLedgerEvent(event);
    if (!e) return doc;
    let next: SiteApplicationListItem;
    switch (e.type) {
      case 'SiteApplicationSubmitted':
        if (doc) return doc;
        next = {
          applicationId: e.data.siteId,
          enterpriseId: e.data.enterpriseId,
          kind: e.data.kind,
          submittedOn: e.data.submittedOn,
          address: e.data.premises?.address ?? '',
          totalFen: e.data.totalFen ?? null,
          status: 'submitted',
          tranchesApproved: 0,
          tranchesPaid: 0,
          approvedFen: 0,
          paidFen: 0,
          listedAt: event.position,
        };
        break;
      case 'SiteTrancheApproved':
        if (!doc) return doc;
        next = {
          ...doc,
          tranchesApproved: doc.tranchesApproved + 1,
          approvedFen: doc.approvedFen + e.data.amountFen,
        };
        break;
      case 'SiteTrancheDisbursed':
        if (!doc) return doc;
        next = {
          ...doc,
          tranchesPaid: doc.tranchesPaid + 1,
          paidFen: doc.paidFen + e.data.amountFen,
        };
        break;
      case 'SiteDisbursementReturned':
        if (!doc) return doc;
        next = {
          ...doc,
          tranchesPaid: doc.tranchesPaid - 1,
          paidFen: doc.paidFen - e.data.amountFen,
        };
        break;
      default:
        return doc;
    }
    return { ...next, status: siteStatus(next) };
  },
  listing: byPosition((doc) => {
    const d = doc as SiteApplicationListItem;
    return { status: d.status, enterpriseId: d.enterpriseId };
  }),
};

/** `GET /v1/internship-applications` (ADR 0017). */
export const internshipApplicationListProjection: DocumentProjection<InternshipApplicationListItem> =
  {
    kind: 'document',
    name: 'work-list-internship-application',
    version: 1,
    collection: INTERNSHIP_APPLICATION_LIST_COLLECTION,
    eventTypes: [
      'InternshipApplicationSubmitted',
      'InternshipTrancheApproved',
      'InternshipTrancheDisbursed',
      'InternshipDisbursementReturned',
    ],
    documentIds(event: RecordedEvent): string[] {
      const e = asLedgerEvent(event);
      switch (e?.type) {
        case 'InternshipApplicationSubmitted':
        case 'InternshipTrancheApproved':
        case 'InternshipTrancheDisbursed':
        case 'InternshipDisbursementReturned':
          return [e.data.applicationId];
        default:
          return [];
      }
    },
    evolve(doc, event) {
      const e = asLedgerEvent(event);
      if (!e) return doc;
      switch (e.type) {
        case 'InternshipApplicationSubmitted':
          if (doc) return doc;
          return {
            applicationId: e.data.applicationId,
            schoolId: e.data.schoolId,
            year: e.data.year,
            submittedOn: e.data.submittedOn,
            internsSent: e.data.internsSent,
            retained: e.data.retained,
            status: 'submitted',
            approvedFen: 0,
            paidFen: 0,
            listedAt: event.position,
          };
        case 'InternshipTrancheApproved':
          if (!doc) return doc;
          return { ...doc, status: 'approved', approvedFen: doc.approvedFen + e.data.amountFen };
        case 'InternshipTrancheDisbursed':
          if (!doc) return doc;
          return { ...doc, status: 'paid', paidFen: doc.paidFen + e.data.amountFen };
        case 'InternshipDisbursementReturned':
          if (!doc) return doc;
          return { ...doc, status: 'approved', paidFen: doc.paidFen - e.data.amountFen };
        default:
          return doc;
      }
    },
    listing: byPosition((doc) => {
      const d = doc as InternshipApplicationListItem;
      return { status: d.status, schoolId: d.schoolId };
    }),
  };
