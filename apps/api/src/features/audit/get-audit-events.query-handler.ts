import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { maskAccountNumbers, maskIdNumbersInText, maskResidentIds } from '@ledger/audit/mask';
import { EventStore, RecordedEvent } from '@ledger/event-store/event-store.port';
import { UpcastingEventStore } from '@ledger/event-store/upcasting-event-store';
import { invalidInput } from '@ledger/domain';
import {
  canonicalInstant,
  decodeCursor,
  encodeCursor,
  listTerm,
  recordedBound,
  WorkListPage,
  workListLimit,
} from '@ledger/projections';
import { LedgerStorage } from '../../ledger-core/ledger-storage';
import { auditEventsOfStream } from './audit-events-of-stream';

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

/**
 * The work-list form of the same route (API.md "Work lists", ADR 0017
 * amendment): `{items, nextCursor}` with an opaque cursor bound to the filters.
 */
export class ListAuditEventsQuery {
  constructor(
    readonly filters: AuditEventFilters,
    readonly paging: { cursor?: string; limit?: number; after?: number },
  ) {}
}

/** The filters and the cursor that make a request the work-list form rather than `?after=&limit=`. */
export const AUDIT_WORK_LIST_PARAMS = [
  'cursor',
  'stream',
  'enterpriseId',
  'type',
  'fromRecorded',
  'toRecorded',
] as const;

const CURSOR_ENTRY = /^after\t(\d{1,16})$/;

/** The cursor names the index (`audit-events~` + the filters) and the last position read. */
function auditCursorIndex(filters: AuditEventFilters): string {
  return `audit-events~${listTerm({ ...filters })}`;
}

export function encodeAuditCursor(filters: AuditEventFilters, position: number): string {
  return encodeCursor(auditCursorIndex(filters), `after\t${position}`);
}

export function decodeAuditCursor(cursor: string, filters: AuditEventFilters): number {
  const entry = decodeCursor(cursor, auditCursorIndex(filters))!;
  const match = CURSOR_ENTRY.exec(entry);
  if (!match) throw invalidInput('cursor', 'is not a cursor this list gave with these filters');
  return Number(match[1]);
}

/** What one read of the log answered: the events, and where a budgeted scan stopped short. */
interface EventsRead {
  events: AuditEventView[];
  /** The last position looked at when the scan budget ran out before the end of the log. */
  stoppedAt?: number;
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

/**
 * The global log in order, a page at a time, straight from the event store
 * (no read model: auditors read what is stored, hashes included).
 */
@QueryHandler(GetAuditEventsQuery)
export class GetAuditEventsQueryHandler implements IQueryHandler<GetAuditEventsQuery> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(q: GetAuditEventsQuery): Promise<AuditEventView[]> {
    return (await readAuditEvents(this.storage, q.after, q.limit, q.filters)).events;
  }
}

/**
 * The same events as pages of a work list: one more than the page is read,
 * so that the last page says so (`nextCursor: null`) instead of a cursor
 * to an empty page.
 */
@QueryHandler(ListAuditEventsQuery)
export class ListAuditEventsQueryHandler implements IQueryHandler<ListAuditEventsQuery> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(q: ListAuditEventsQuery): Promise<WorkListPage<AuditEventView>> {
    const { cursor, after } = q.paging;
    if (cursor !== undefined && after !== undefined) {
      throw invalidInput('after', 'cannot be given with cursor (the cursor says where to go on)');
    }
    const limit = workListLimit(q.paging.limit);
    const start = cursor === undefined ? (after ?? 0) : decodeAuditCursor(cursor, q.filters);
    const read = await readAuditEvents(this.storage, start, limit + 1, q.filters);
    const items = read.events.slice(0, limit);
    const more = read.events.length > limit;
    const lastPosition = more ? items[items.length - 1]!.position : read.stoppedAt;
    return {
      items,
      nextCursor: lastPosition === undefined ? null : encodeAuditCursor(q.filters, lastPosition),
    };
  }
}

/**
 * The global log in order, a page at a time, straight from the event store
 * (no read model: auditors read what is stored, hashes included).
 */
async function readAuditEvents(
  storage: LedgerStorage,
  after: number,
  limit: number,
  f: AuditEventFilters,
): Promise<EventsRead> {
  const store = rawStore(storage.store);
  const fromRecorded = recordedBound('fromRecorded', f.fromRecorded);
  const toRecorded = recordedBound('toRecorded', f.toRecorded);
  const filters = { enterpriseId: f.enterpriseId, type: f.type, fromRecorded, toRecorded };
  if (f.stream !== undefined) {
    const events = await auditEventsOfStream(store, f.stream, { ...filters, after, limit });
    return { events: events.map(auditEventView) };
  }
  // Enterprise or type: the index (ADR 0017) names the positions, then only those are read.
  const positions = await storage.readModels.workLists.auditEventPositions({
    ...filters,
    after,
    limit,
  });
  if (positions !== null) {
    const events = await Promise.all(
      positions.map((p) => store.readAll({ afterPosition: p - 1, maxCount: 1 })),
    );
    return { events: events.flatMap((page) => page.slice(0, 1)).map(auditEventView) };
  }
  if (fromRecorded === undefined && toRecorded === undefined) {
    const events = await store.readAll({ afterPosition: after, maxCount: limit });
    return { events: events.map(auditEventView) };
  }
  return byRecordedTime(store, after, limit, fromRecorded, toRecorded);
}

/**
 * Recorded time alone: the log in order, bounded per request; recorded
 * times follow positions closely but not strictly (ADR 0017).
 */
async function byRecordedTime(
  store: EventStore,
  start: number,
  limit: number,
  from: string | undefined,
  to: string | undefined,
): Promise<EventsRead> {
  const events: AuditEventView[] = [];
  let after = start;
  for (let read = 0; read < RECORDED_SCAN_BUDGET;) {
    const page = await store.readAll({ afterPosition: after, maxCount: 500 });
    for (const e of page) {
      after = e.position;
      const at = canonicalInstant(e.metadata.recordedAt);
      if ((from && at < from) || (to && at > to)) continue;
      events.push(auditEventView(e));
      if (events.length === limit) return { events };
    }
    read += page.length;
    if (page.length < 500) return { events };
  }
  return { events, stoppedAt: after };
}

/** What is stored (the data the hash covers), not the upcast shape, even behind `withUpcasting`. */
function rawStore(store: EventStore): EventStore {
  return store instanceof UpcastingEventStore ? rawStore(store.inner) : store;
}
