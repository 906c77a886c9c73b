import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { LedgerEventType, siteProgrammeOf } from '@ledger/domain';
import { asLedgerEvent, cloneDocument, DocumentProjection } from './read-model';
import { returnPaymentOf, ViewReturnedPayment } from './returned-payment';

export const SITE_APPLICATION_COLLECTION = 'site_application';

export interface SiteTrancheView {
  trancheId: string;
  year?: number;
  status: 'approving' | 'approved';
  decidedOn: string;
  policyVersion: string;
  specialTermsId?: string;
  /** What the tranche pays now (0 once withdrawn). */
  amountFen: number;
  /** Lease: effective seats on the decision date, the seats this lease pays for, per seat. */
  effectiveSeats?: number;
  seats?: number;
  perSeatFen?: number;
  withdrawn?: { amountFen: number; withdrawnOn: string; objectionId: string };
  publicity?: { publicityId: string; startsOn: string; endsOn: string };
  disbursement?: { disbursementId: string; paidOn: string; amountFen: number; bankRef: string };
  /** Payments the bank sent back (退票): the tranche was payable again after each. */
  returned?: ViewReturnedPayment[];
}

/** `GET /v1/site-applications/:id`: one site application (R-SITE-*), its tranches and payments. */
export interface SiteApplicationView {
  applicationId: string;
  enterpriseId: string;
  kind: 'lease' | 'renovation' | 'purchase';
  programme: string;
  submittedOn: string;
  policyVersion: string;
  specialTermsId?: string;
  premises: { address: string };
  lease?: { startsOn: string; endsOn: string };
  renovation?: { investmentFen: number; auditRef: string; completedOn: string };
  purchase?: {
    areaM2: number;
    areaM2Counted: number;
    purchasedOn: string;
    certificateRef: string;
  };
  totalFen?: number;
  yearFen?: number[];
  tranches: SiteTrancheView[];
  /** Position of the last event folded in: an older or repeated event is ignored. */
  lastPosition: number;
}

/** The site events the view reads: each names its site (the application). */
const SITE_APPLICATION_VIEW_TYPES: readonly LedgerEventType[] = [
  'SiteApplicationSubmitted',
  'SiteTrancheApprovalStarted',
  'SiteTrancheApproved',
  'SiteTranchePublicized',
  'SiteTrancheWithdrawn',
  'SiteTrancheDisbursed',
  'SiteDisbursementReturned',
];

const SITE_TYPES: ReadonlySet<string> = new Set(SITE_APPLICATION_VIEW_TYPES);

export const siteApplicationViewProjection: DocumentProjection<SiteApplicationView> = {
  kind: 'document',
  name: 'site-application-view',
  version: 1,
  collection: SITE_APPLICATION_COLLECTION,
  eventTypes: SITE_APPLICATION_VIEW_TYPES,
  documentIds(event: RecordedEvent): string[] {
    const e = asLedgerEvent(event);
    if (!e || !SITE_TYPES.has(e.type)) return [];
    return [(e.data as { siteId: string }).siteId];
  },
  evolve: evolveSiteApplicationView,
};

const m2 = (dm2: number) => dm2 / 100;

export function evolveSiteApplicationView(
  current: SiteApplicationView | undefined,
  event: RecordedEvent,
): SiteApplicationView | undefined {
  const e = asLedgerEvent(event);
  if (!e || !SITE_TYPES.has(e.type)) return current;
  if (e.type === 'SiteApplicationSubmitted') {
    if (current) return current;
    const d = e.data;
    const view: SiteApplicationView = {
      applicationId: d.siteId,
      enterpriseId: d.enterpriseId,
      kind: d.kind,
      programme: siteProgrammeOf(d.kind),
      submittedOn: d.submittedOn,
      policyVersion: d.policyVersion,
      premises: { address: d.premises.address },
      tranches: [],
      lastPosition: event.position,
    };
    if (d.specialTermsId !== undefined) view.specialTermsId = d.specialTermsId;
    if (d.lease) view.lease = { startsOn: d.lease.startsOn, endsOn: d.lease.endsOn };
    if (d.renovation) {
      const { investmentFen, auditRef, completedOn } = d.renovation;
      view.renovation = { investmentFen, auditRef, completedOn };
    }
    if (d.purchase) {
      view.purchase = {
        areaM2: m2(d.purchase.areaDm2),
        areaM2Counted: m2(d.purchase.areaDm2Counted),
        purchasedOn: d.purchase.purchasedOn,
        certificateRef: d.purchase.certificateRef,
      };
    }
    if (d.totalFen !== undefined) view.totalFen = d.totalFen;
    if (d.yearFen !== undefined) view.yearFen = [...d.yearFen];
    return view;
  }
  if (!current || event.position <= current.lastPosition) return current;
  const doc = cloneDocument(current);
  doc.lastPosition = event.position;
  const tranche = (trancheId: string) => doc.tranches.find((t) => t.trancheId === trancheId);
  switch (e.type) {
    case 'SiteTrancheApprovalStarted': {
      const d = e.data;
      const t: SiteTrancheView = {
        trancheId: d.trancheId,
        status: 'approving',
        decidedOn: d.decidedOn,
        policyVersion: d.policyVersion,
        amountFen: 0,
      };
      if (d.year !== undefined) t.year = d.year;
      if (d.specialTermsId !== undefined) t.specialTermsId = d.specialTermsId;
      doc.tranches.push(t);
      return doc;
    }
    case 'SiteTrancheApproved': {
      const t = tranche(e.data.trancheId);
      if (!t) return doc;
      t.status = 'approved';
      t.amountFen = e.data.amountFen;
      if (e.data.effectiveSeats !== undefined) t.effectiveSeats = e.data.effectiveSeats;
      if (e.data.seats !== undefined) t.seats = e.data.seats;
      if (e.data.perSeatFen !== undefined) t.perSeatFen = e.data.perSeatFen;
      return doc;
    }
    case 'SiteTranchePublicized': {
      const t = tranche(e.data.trancheId);
      if (t) {
        const { publicityId, startsOn, endsOn } = e.data;
        t.publicity = { publicityId, startsOn, endsOn };
      }
      return doc;
    }
    case 'SiteTrancheWithdrawn': {
      const t = tranche(e.data.trancheId);
      if (t) {
        t.withdrawn = {
          amountFen: e.data.amountFen,
          withdrawnOn: e.data.withdrawnOn,
          objectionId: e.data.cause.id,
        };
        t.amountFen = 0;
      }
      return doc;
    }
    case 'SiteDisbursementReturned':
      returnPaymentOf(tranche(e.data.trancheId), e.data);
      return doc;
    case 'SiteTrancheDisbursed': {
      const t = tranche(e.data.trancheId);
      if (t) {
        const { disbursementId, paidOn, amountFen, bankRef } = e.data;
        t.disbursement = { disbursementId, paidOn, amountFen, bankRef };
      }
      return doc;
    }
    default:
      return current;
  }
}
