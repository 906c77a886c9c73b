import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { maskIdNumbersInText, maskResidentIds } from '@ledger/audit/mask';
import { EventStore, RecordedEvent } from '@ledger/event-store/event-store.port';
import { UpcastingEventStore } from '@ledger/event-store/upcasting-event-store';
import { canonicalInstant, recordedBound } from '@ledger/projections';
import { maskAccountNumber } from '@ledger/domain/payee-account/payee-account.decider';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

/** The filters of issue #13 (API.md "Work lists"); none given: every event. */
export interface AuditEventFilters {
  stream?: string;
  enterpriseId?: string;
  type?: string;
  fromRecorded?: string;
  toRecorded?: string;
}

export class GetAuditEventsQuery {
  constructor(
    readonly after: number,
    readonly limit: number,
    readonly filters: AuditEventFilters = {},
  ) {}
}

/** Events a page filtered by recorded time alone reads from the log before it answers short. */
const RECORDED_SCAN_BUDGET = 10_000;

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
    // Bank accounts are shown whole to finance only (issue #14); this route is auditors' and supervisors'.
    data: maskAccountNumbers(maskResidentIds(e.data)),
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

function maskAccountNumbers<T>(value: T): T {
  if (Array.isArray(value)) return value.map(maskAccountNumbers) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] =
      k === 'accountNumber' && typeof v === 'string' ? maskAccountNumber(v) : maskAccountNumbers(v);
  }
  return out as T;
}

/**
 * The global log in order, a page at a time, straight from the event store
 * (no read model: auditors read what is stored, hashes included).
 */
@QueryHandler(GetAuditEventsQuery)
export class GetAuditEventsQueryHandler implements IQueryHandler<GetAuditEventsQuery> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(q: GetAuditEventsQuery): Promise<AuditEventView[]> {
    const store = rawStore(this.storage.store);
    const f = q.filters;
    const fromRecorded = recordedBound('fromRecorded', f.fromRecorded);
    const toRecorded = recordedBound('toRecorded', f.toRecorded);
    // Stream, enterprise or type: the index (ADR 0017) names the positions, then only those are read.
    const positions = await this.storage.readModels.workLists.auditEventPositions({
      ...f,
      fromRecorded,
      toRecorded,
      after: q.after,
      limit: q.limit,
    });
    if (positions !== null) {
      const events = await Promise.all(
        positions.map((p) => store.readAll({ afterPosition: p - 1, maxCount: 1 })),
      );
      return events.flatMap((page) => page.slice(0, 1)).map(auditEventView);
    }
    if (fromRecorded === undefined && toRecorded === undefined) {
      const events = await store.readAll({ afterPosition: q.after, maxCount: q.limit });
      return events.map(auditEventView);
    }
    return this.byRecordedTime(store, q, fromRecorded, toRecorded);
  }

  /**
   * Recorded time alone: the log in order, bounded per request; recorded
   * times follow positions closely but not strictly (ADR 0017).
   */
  private async byRecordedTime(
    store: EventStore,
    q: GetAuditEventsQuery,
    from: string | undefined,
    to: string | undefined,
  ): Promise<AuditEventView[]> {
    const out: AuditEventView[] = [];
    let after = q.after;
    for (let read = 0; read < RECORDED_SCAN_BUDGET;) {
      const page = await store.readAll({ afterPosition: after, maxCount: 500 });
      for (const e of page) {
        after = e.position;
        const at = canonicalInstant(e.metadata.recordedAt);
        if ((from && at < from) || (to && at > to)) continue;
        out.push(auditEventView(e));
        if (out.length === q.limit) return out;
      }
      read += page.length;
      if (page.length < 500) break;
    }
    return out;
  }
}

/** What is stored (the data the hash covers), not the upcast shape, even behind `withUpcasting`. */
function rawStore(store: EventStore): EventStore {
  return store instanceof UpcastingEventStore ? rawStore(store.inner) : store;
}
