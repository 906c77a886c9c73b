import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { Industry } from '@ledger/domain';
import { asLedgerEvent, DocumentProjection, listTermsOf, positionSortKey } from '../read-model';

export const ENTERPRISE_LIST_COLLECTION = 'work_list_enterprise';
export const SCHOOL_LIST_COLLECTION = 'work_list_school';

/** An item of `GET /v1/enterprises`. */
export interface EnterpriseListItem {
  enterpriseId: string;
  /** The unified social credit code (the id, API.md). */
  creditCode: string;
  name: string;
  industry: Industry;
  seats: number;
  registeredOn: string;
  suspended: boolean;
  /** The cases whose suspension holds (ADR 0014): suspended while not empty. */
  suspendedBy: string[];
  /** Position of the registration: the list's order. */
  listedAt: number;
}

/** A school, for the names work lists show (no list of its own yet). */
export interface SchoolListItem {
  schoolId: string;
  name: string;
  registeredOn: string;
  suspended: boolean;
  suspendedBy: string[];
  listedAt: number;
}

const withSuspension = <D extends { suspendedBy: string[]; suspended: boolean }>(
  doc: D,
  caseId: string,
  on: boolean,
): D => {
  const suspendedBy = doc.suspendedBy.filter((c) => c !== caseId);
  if (on) suspendedBy.push(caseId);
  return { ...doc, suspendedBy, suspended: suspendedBy.length > 0 };
};

/** `GET /v1/enterprises` (ADR 0017): registered enterprises, filtered by suspension. */
export const enterpriseListProjection: DocumentProjection<EnterpriseListItem> = {
  kind: 'document',
  name: 'work-list-enterprise',
  version: 1,
  collection: ENTERPRISE_LIST_COLLECTION,
  eventTypes: ['EnterpriseRegistered', 'EnterpriseSuspended', 'EnterpriseSuspensionLifted'],
  documentIds(event: RecordedEvent): string[] {
    const e = asLedgerEvent(event);
    if (!e) return [];
    switch (e.type) {
      case 'EnterpriseRegistered':
      case 'EnterpriseSuspended':
      case 'EnterpriseSuspensionLifted':
        return [e.data.enterpriseId];
      default:
        return [];
    }
  },
  evolve(doc, event) {
    const e = asLedgerEvent(event);
    if (!e) return doc;
    if (e.type === 'EnterpriseRegistered') {
      if (doc) return doc;
      const d = e.data;
      return {
        enterpriseId: d.enterpriseId,
        creditCode: d.enterpriseId,
        name: d.name,
        industry: d.industry,
        seats: d.seats,
        registeredOn: d.registeredOn,
        suspended: false,
        suspendedBy: [],
        listedAt: event.position,
      };
    }
    if (!doc) return doc;
    if (e.type === 'EnterpriseSuspended') return withSuspension(doc, e.data.caseId, true);
    if (e.type === 'EnterpriseSuspensionLifted') return withSuspension(doc, e.data.caseId, false);
    return doc;
  },
  listing: (doc) =>
    listTermsOf({ suspended: String(doc.suspended) }).map((term) => ({
      term,
      sortKey: positionSortKey(doc.listedAt),
    })),
};

/** Schools by id: the payee names of internship tranches and cases. */
export const schoolListProjection: DocumentProjection<SchoolListItem> = {
  kind: 'document',
  name: 'work-list-school',
  version: 1,
  collection: SCHOOL_LIST_COLLECTION,
  eventTypes: ['SchoolRegistered', 'SchoolSuspended', 'SchoolSuspensionLifted'],
  documentIds(event: RecordedEvent): string[] {
    const e = asLedgerEvent(event);
    if (!e) return [];
    switch (e.type) {
      case 'SchoolRegistered':
      case 'SchoolSuspended':
      case 'SchoolSuspensionLifted':
        return [e.data.schoolId];
      default:
        return [];
    }
  },
  evolve(doc, event) {
    const e = asLedgerEvent(event);
    if (!e) return doc;
    if (e.type === 'SchoolRegistered') {
      if (doc) return doc;
      return {
        schoolId: e.data.schoolId,
        name: e.data.name,
        registeredOn: e.data.registeredOn,
        suspended: false,
        suspendedBy: [],
        listedAt: event.position,
      };
    }
    if (!doc) return doc;
    if (e.type === 'SchoolSuspended') return withSuspension(doc, e.data.caseId, true);
    if (e.type === 'SchoolSuspensionLifted') return withSuspension(doc, e.data.caseId, false);
    return doc;
  },
};
