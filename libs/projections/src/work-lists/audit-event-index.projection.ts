import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { canonicalInstant, JournalProjection } from '../read-model';

export const AUDIT_EVENT_INDEX_JOURNAL = 'audit-event-index';

/** Where an event is, by what auditors filter on; the event itself stays in the log. */
export interface AuditEventIndexRow {
  stream: string;
  type: string;
  /** `data.enterpriseId` when the event names one. */
  enterpriseId: string | null;
  recordedAt: string;
  position: number;
}

/** What the index holds of one event; a page filtered by stream checks the stream's events so too. */
export function auditEventIndexRow(event: RecordedEvent): AuditEventIndexRow {
  const enterpriseId = (event.data as { enterpriseId?: unknown } | null)?.enterpriseId;
  return {
    stream: event.stream,
    type: event.type,
    enterpriseId: typeof enterpriseId === 'string' ? enterpriseId : null,
    recordedAt: canonicalInstant(event.metadata.recordedAt),
    position: event.position,
  };
}

/**
 * `GET /v1/audit/events?enterpriseId&type` (ADR 0017): one row per event, so
 * that a filtered page reads the positions it answers and then only those
 * events. A page filtered by stream reads the stream itself (ADR 0020 §71):
 * the store's own stream index is that index already.
 */
export const auditEventIndexProjection: JournalProjection<AuditEventIndexRow> = {
  kind: 'journal',
  name: 'audit-event-index',
  version: 1,
  journal: AUDIT_EVENT_INDEX_JOURNAL,
  // One row per event, types the domain does not know included.
  eventTypes: 'every',
  project(event: RecordedEvent) {
    return [
      { kind: 'journal', journal: AUDIT_EVENT_INDEX_JOURNAL, row: auditEventIndexRow(event) },
    ];
  },
};
