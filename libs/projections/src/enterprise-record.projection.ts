import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { CaseOutcome, LedgerEventType } from '@ledger/domain';
import { asLedgerEvent, cloneDocument, DocumentProjection } from './read-model';

export const ENTERPRISE_RECORD_COLLECTION = 'enterprise_record';

export interface EnterpriseRecordCase {
  caseId: string;
  openedOn: string;
  reason: string;
  status: 'open' | 'closed';
  outcome: CaseOutcome | null;
  closedOn: string | null;
  falseClaims: number;
  clawbackDueFen: number;
  recoveredFen: number;
}

/**
 * Art. 13 performance evaluation: the enterprise's record of cases, false
 * claims and money recovered, shown to reviewers on its next application
 * (`GET /v1/enterprises/:id/performance`, with R-SEAT-7 compliance added by
 * the query).
 */
export interface EnterpriseRecordView {
  enterpriseId: string;
  /** Cases whose suspension of the enterprise is in force. */
  suspendedBy: string[];
  casesOpened: number;
  casesOpen: number;
  casesUpheld: number;
  casesDismissed: number;
  falseClaims: number;
  clawbackDueFen: number;
  recoveredFen: number;
  outstandingFen: number;
  cases: EnterpriseRecordCase[];
  lastPosition: number;
}

export const emptyEnterpriseRecord = (enterpriseId: string): EnterpriseRecordView => ({
  enterpriseId,
  suspendedBy: [],
  casesOpened: 0,
  casesOpen: 0,
  casesUpheld: 0,
  casesDismissed: 0,
  falseClaims: 0,
  clawbackDueFen: 0,
  recoveredFen: 0,
  outstandingFen: 0,
  cases: [],
  lastPosition: 0,
});

const ENTERPRISE_RECORD_TYPES: readonly LedgerEventType[] = [
  // Case events: a case against an enterprise (`enterpriseId` set), not a school.
  'CaseOpened',
  'FindingApplied',
  'RecoveryRecorded',
  'CaseClosed',
  // Enterprise events.
  'EnterpriseSuspended',
  'EnterpriseSuspensionLifted',
];

const RECORD_TYPES: ReadonlySet<string> = new Set(ENTERPRISE_RECORD_TYPES);

export const enterpriseRecordProjection: DocumentProjection<EnterpriseRecordView> = {
  kind: 'document',
  name: 'enterprise-record',
  version: 1,
  collection: ENTERPRISE_RECORD_COLLECTION,
  eventTypes: ENTERPRISE_RECORD_TYPES,
  documentIds(event: RecordedEvent): string[] {
    const e = asLedgerEvent(event);
    if (!e || !RECORD_TYPES.has(e.type)) return [];
    // A case against a school is no enterprise's record.
    const enterpriseId = (e.data as { enterpriseId?: string }).enterpriseId;
    return enterpriseId === undefined ? [] : [enterpriseId];
  },
  evolve: evolveEnterpriseRecord,
};

export function evolveEnterpriseRecord(
  current: EnterpriseRecordView | undefined,
  event: RecordedEvent,
): EnterpriseRecordView | undefined {
  const e = asLedgerEvent(event);
  if (!e || !RECORD_TYPES.has(e.type)) return current;
  const enterpriseId = (e.data as { enterpriseId?: string }).enterpriseId;
  if (enterpriseId === undefined) return current;
  const base = current ?? emptyEnterpriseRecord(enterpriseId);
  if (event.position <= base.lastPosition) return current;
  const doc = cloneDocument(base);
  doc.lastPosition = event.position;
  const caseOf = (caseId: string) => doc.cases.find((c) => c.caseId === caseId);
  switch (e.type) {
    case 'CaseOpened':
      if (caseOf(e.data.caseId)) return current;
      doc.cases.push({
        caseId: e.data.caseId,
        openedOn: e.data.openedOn,
        reason: e.data.reason,
        status: 'open',
        outcome: null,
        closedOn: null,
        falseClaims: 0,
        clawbackDueFen: 0,
        recoveredFen: 0,
      });
      break;
    case 'FindingApplied': {
      const c = caseOf(e.data.caseId);
      if (!c) return current;
      c.falseClaims += e.data.claims.filter((x) => x.status === 'found').length;
      c.clawbackDueFen += e.data.clawbackDueFen;
      break;
    }
    case 'RecoveryRecorded': {
      const c = caseOf(e.data.caseId);
      if (!c) return current;
      c.recoveredFen += e.data.amountFen;
      break;
    }
    case 'CaseClosed': {
      const c = caseOf(e.data.caseId);
      if (!c) return current;
      c.status = 'closed';
      c.outcome = e.data.outcome;
      c.closedOn = e.data.closedOn;
      break;
    }
    case 'EnterpriseSuspended':
      if (!doc.suspendedBy.includes(e.data.caseId)) doc.suspendedBy.push(e.data.caseId);
      break;
    case 'EnterpriseSuspensionLifted':
      doc.suspendedBy = doc.suspendedBy.filter((id) => id !== e.data.caseId);
      break;
    default:
      return current;
  }
  summarise(doc);
  return doc;
}

function summarise(doc: EnterpriseRecordView): void {
  doc.casesOpened = doc.cases.length;
  doc.casesOpen = doc.cases.filter((c) => c.status === 'open').length;
  doc.casesUpheld = doc.cases.filter((c) => c.outcome === 'upheld').length;
  doc.casesDismissed = doc.cases.filter((c) => c.outcome === 'dismissed').length;
  doc.falseClaims = doc.cases.reduce((n, c) => n + c.falseClaims, 0);
  doc.clawbackDueFen = doc.cases.reduce((n, c) => n + c.clawbackDueFen, 0);
  doc.recoveredFen = doc.cases.reduce((n, c) => n + c.recoveredFen, 0);
  doc.outstandingFen = doc.clawbackDueFen - doc.recoveredFen;
}
