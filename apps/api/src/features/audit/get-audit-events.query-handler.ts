import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { maskIdNumbersInText, maskResidentIds } from '@ledger/audit/mask';
import { EventStore, RecordedEvent } from '@ledger/event-store/event-store.port';
import { UpcastingEventStore } from '@ledger/event-store/upcasting-event-store';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class GetAuditEventsQuery {
  constructor(
    readonly after: number,
    readonly limit: number,
  ) {}
}

/** One event as auditors see it (API.md "Audit"). */
export interface AuditEventView {
  position: number;
  stream: string;
  revision: number;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  actor: string;
  role: string;
  businessDate: string;
  recordedAt: string;
  policyVersion: string | null;
  /** The event's hash in its stream's chain (ADR 0007); null for events older than the chain. */
  hash: string | null;
  prevHash: string | null;
}

export function auditEventView(e: RecordedEvent): AuditEventView {
  const m = e.metadata;
  return {
    position: e.position,
    stream: e.stream,
    revision: e.revision,
    type: e.type,
    schemaVersion: m.schemaVersion ?? 1,
    // Person streams are keyed hashes already; ID numbers inside the data are masked.
    data: maskResidentIds(e.data),
    // A login may be an ID number (common in government systems).
    actor: maskIdNumbersInText(m.actor),
    role: m.role,
    businessDate: m.businessDate,
    recordedAt: m.recordedAt,
    policyVersion: m.policyVersion ?? null,
    hash: m.hash ?? null,
    prevHash: m.prevHash ?? null,
  };
}

/**
 * The global log in order, a page at a time, straight from the event store
 * (no read model: auditors read what is stored, hashes included).
 */
@QueryHandler(GetAuditEventsQuery)
export class GetAuditEventsQueryHandler implements IQueryHandler<GetAuditEventsQuery> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(q: GetAuditEventsQuery): Promise<AuditEventView[]> {
    const events = await rawStore(this.storage.store).readAll({
      afterPosition: q.after,
      maxCount: q.limit,
    });
    return events.map(auditEventView);
  }
}

/** What is stored (the data the hash covers), not the upcast shape, even behind `withUpcasting`. */
function rawStore(store: EventStore): EventStore {
  return store instanceof UpcastingEventStore ? rawStore(store.inner) : store;
}
