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

/**
 * `GET /v1/audit/events?stream&enterpriseId&type` (ADR 0017): one row per
 * event, so that a filtered page reads the positions it answers and then only
 * those events.
 */
export const auditEventIndexProjection: JournalProjection<AuditEventIndexRow> = {
  kind: 'journal',
  name: 'audit-event-index',
  version: 1,
  journal: AUDIT_EVENT_INDEX_JOURNAL,
  project(event: RecordedEvent) {
    const enterpriseId = (event.data as { enterpriseId?: unknown } | null)?.enterpriseId;
    return [
      {
        kind: 'journal',
        journal: AUDIT_EVENT_INDEX_JOURNAL,
        row: {
          stream: event.stream,
          type: event.type,
          enterpriseId: typeof enterpriseId === 'string' ? enterpriseId : null,
          recordedAt: canonicalInstant(event.metadata.recordedAt),
          position: event.position,
        },
      },
    ];
  },
};
