import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { basisPointsAsDecimal, LedgerEventType } from '@ledger/domain';
import { asLedgerEvent, cloneDocument, DocumentProjection } from './read-model';
import { returnPaymentOf, ViewReturnedPayment } from './returned-payment';

export const INTERNSHIP_APPLICATION_COLLECTION = 'internship_application';

export interface InternView {
  internId: string;
  /** Full ID number: the API masks it for roles that may not see it. */
  personId: string;
  personIdMasked: string;
  name: string;
  level: 'secondary' | 'higher';
  enterpriseId: string;
  employedMonths: string[];
  longestRunMonths: number;
  retained: boolean;
}

export interface InternshipTrancheView {
  trancheId: string;
  status: 'approving' | 'approved';
  decidedOn: string;
  policyVersion: string;
  /** What the tranche pays now: included persons less withdrawn ones. */
  amountFen: number;
  included: { internId: string; amountFen: number }[];
  refused: { internId: string; rule: string; reason: string }[];
  withdrawn: { internId: string; amountFen: number }[];
  publicity?: { publicityId: string; startsOn: string; endsOn: string };
  disbursement?: { disbursementId: string; paidOn: string; amountFen: number; bankRef: string };
  /** Payments the bank sent back (退票): the tranche was payable again after each. */
  returned?: ViewReturnedPayment[];
}

/** `GET /v1/internship-applications/:id` (R-INT). */
export interface InternshipApplicationView {
  applicationId: string;
  schoolId: string;
  year: number;
  submittedOn: string;
  policyVersion: string;
  agreementRef: string;
  trainingBaseRef: string;
  internsSent: number;
  retained: number;
  retentionBasisPoints: number;
  /** The same as a decimal string with four places ("0.5000" is 50 %). */
  retentionRate: string;
  interns: InternView[];
  tranche?: InternshipTrancheView;
  lastPosition: number;
}

/** The internship events the view reads: each names its application. */
const INTERNSHIP_APPLICATION_VIEW_TYPES: readonly LedgerEventType[] = [
  'InternshipApplicationSubmitted',
  'InternshipTrancheApprovalStarted',
  'InternshipTrancheApproved',
  'InternshipTranchePublicized',
  'InternWithdrawnFromTranche',
  'InternshipTrancheDisbursed',
  'InternshipDisbursementReturned',
];

const INTERNSHIP_TYPES: ReadonlySet<string> = new Set(INTERNSHIP_APPLICATION_VIEW_TYPES);

export const internshipApplicationViewProjection: DocumentProjection<InternshipApplicationView> = {
  kind: 'document',
  name: 'internship-application-view',
  version: 1,
  collection: INTERNSHIP_APPLICATION_COLLECTION,
  eventTypes: INTERNSHIP_APPLICATION_VIEW_TYPES,
  documentIds(event: RecordedEvent): string[] {
    const e = asLedgerEvent(event);
    if (!e || !INTERNSHIP_TYPES.has(e.type)) return [];
    return [(e.data as { applicationId: string }).applicationId];
  },
  evolve: evolveInternshipApplicationView,
};

export function evolveInternshipApplicationView(
  current: InternshipApplicationView | undefined,
  event: RecordedEvent,
): InternshipApplicationView | undefined {
  const e = asLedgerEvent(event);
  if (!e || !INTERNSHIP_TYPES.has(e.type)) return current;
  if (e.type === 'InternshipApplicationSubmitted') {
    if (current) return current;
    const d = e.data;
    return {
      applicationId: d.applicationId,
      schoolId: d.schoolId,
      year: d.year,
      submittedOn: d.submittedOn,
      policyVersion: d.policyVersion,
      agreementRef: d.agreementRef,
      trainingBaseRef: d.trainingBaseRef,
      internsSent: d.internsSent,
      retained: d.retained,
      retentionBasisPoints: d.retentionBasisPoints,
      retentionRate: basisPointsAsDecimal(d.retentionBasisPoints),
      interns: d.interns.map((i) => ({
        internId: i.internId,
        personId: i.personId,
        personIdMasked: i.personIdMasked,
        name: i.name,
        level: i.level,
        enterpriseId: i.enterpriseId,
        employedMonths: [...i.employedMonths],
        longestRunMonths: i.longestRunMonths,
        retained: i.retained,
      })),
      lastPosition: event.position,
    };
  }
  if (!current || event.position <= current.lastPosition) return current;
  const doc = cloneDocument(current);
  doc.lastPosition = event.position;
  const t = doc.tranche;
  switch (e.type) {
    case 'InternshipTrancheApprovalStarted':
      doc.tranche = {
        trancheId: e.data.trancheId,
        status: 'approving',
        decidedOn: e.data.decidedOn,
        policyVersion: e.data.policyVersion,
        amountFen: 0,
        included: [],
        refused: [],
        withdrawn: [],
      };
      return doc;
    case 'InternshipTrancheApproved':
      if (t && t.trancheId === e.data.trancheId) {
        t.status = 'approved';
        t.amountFen = e.data.amountFen;
        t.included = e.data.included.map(({ internId, amountFen }) => ({ internId, amountFen }));
        t.refused = e.data.refused.map((r) => ({ ...r }));
      }
      return doc;
    case 'InternshipTranchePublicized':
      if (t && t.trancheId === e.data.trancheId) {
        const { publicityId, startsOn, endsOn } = e.data;
        t.publicity = { publicityId, startsOn, endsOn };
      }
      return doc;
    case 'InternWithdrawnFromTranche':
      if (t && t.trancheId === e.data.trancheId) {
        t.withdrawn.push({ internId: e.data.internId, amountFen: e.data.amountFen });
        t.amountFen -= e.data.amountFen;
      }
      return doc;
    case 'InternshipDisbursementReturned':
      returnPaymentOf(t && t.trancheId === e.data.trancheId ? t : undefined, e.data);
      return doc;
    case 'InternshipTrancheDisbursed':
      if (t && t.trancheId === e.data.trancheId) {
        const { disbursementId, paidOn, amountFen, bankRef } = e.data;
        t.disbursement = { disbursementId, paidOn, amountFen, bankRef };
      }
      return doc;
    default:
      return current;
  }
}
