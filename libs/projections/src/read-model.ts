import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import {
  BANK_REFERENCE_EVENT_TYPES,
  BUDGET_EVENT_TYPES,
  REMITTANCE_EVENT_TYPES,
  CASE_EVENT_TYPES,
  EFFECTIVE_SEAT_EVENT_TYPES,
  ENTERPRISE_EVENT_TYPES,
  INTERNSHIP_EVENT_TYPES,
  LedgerEvent,
  LedgerEventType,
  PAYMENT_BATCH_EVENT_TYPES,
  PERSON_EVENT_TYPES,
  PREMISES_EVENT_TYPES,
  PUBLICITY_EVENT_TYPES,
  SCHOOL_EVENT_TYPES,
  SEAT_APPLICATION_EVENT_TYPES,
  SITE_EVENT_TYPES,
  TRANCHE_BATCH_EVENT_TYPES,
} from '@ledger/domain';

/**
 * The two storage primitives every read model is made of, as plain data so that
 * any store (embedded SQLite, Redis) applies the same operations:
 * - documents: `collection` + `id` → a JSON object, replaced whole;
 * - journal rows: append-only rows of one journal, never updated.
 */
export type ReadModelOperation<D extends object = object, R extends object = object> =
  PutOperation<D> | DeleteOperation | JournalOperation<R>;

export interface PutOperation<D extends object = object> {
  kind: 'put';
  collection: string;
  id: string;
  doc: D;
}

export interface DeleteOperation {
  kind: 'delete';
  collection: string;
  id: string;
}

export interface JournalOperation<R extends object = object> {
  kind: 'journal';
  journal: string;
  row: R;
}

interface ProjectionBase {
  /** Names the checkpoint; stable across releases. */
  name: string;
  /**
   * Bumped whenever the projection would write something different for the
   * same events: a store then throws the old data away and replays it.
   */
  version: number;
  /**
   * The event types whose events this projection may answer (a non-empty
   * `documentIds` or `project`, for any data), or 'every'. Verification's
   * replay asks a projection only about events of these types; unset, it
   * asks about every event (ADR 0020 §106, `EventTypeRoutes`).
   */
  eventTypes?: readonly LedgerEventType[] | 'every';
}

/** A read model made of journal rows: one event in, zero or more rows out. */
export interface JournalProjection<R extends object> extends ProjectionBase {
  kind: 'journal';
  journal: string;
  project(event: RecordedEvent): JournalOperation<R>[];
}

/**
 * A read model made of documents. `evolve` returns the next document, `null`
 * to delete it, or the document it was given (or `undefined` when it was
 * given none) to leave it as it is.
 */
export interface DocumentProjection<D extends object> extends ProjectionBase {
  kind: 'document';
  collection: string;
  /** The documents this event touches (none for events the read model ignores). */
  documentIds(event: RecordedEvent): string[];
  /**
   * `id` is the one of `documentIds` being evolved (stores always pass it):
   * an event may touch several documents. `before` shows the others of the
   * event's `documentIds` as they were before it (a head document moved by
   * what a detail document of its own held; ADR 0020 §23).
   */
  evolve(
    doc: D | undefined,
    event: RecordedEvent,
    id?: string,
    before?: (otherId: string) => D | undefined,
  ): D | null | undefined;
  /**
   * A work list over the collection (ADR 0017): the index entries of a
   * document, each a small document `{id}` in `listIndexCollection(collection,
   * term)` under the id `listEntryId(sortKey, id)`, so that every store pages a
   * list by an ordered range of ids, without reading the rest.
   */
  listing?(doc: D): readonly ListEntry[];
}

/** One place of a document in a work list: the filter it answers and its order there. */
export interface ListEntry {
  /** The filter, canonical (`listTerm`): '' for the unfiltered list. */
  term: string;
  /** Orders the entries of one term (binary comparison); never contains a tab. */
  sortKey: string;
}

/** Index collections are named after the collection they list: `{collection}~{term}`. */
export const LIST_INDEX_SEPARATOR = '~';

export function listIndexCollection(collection: string, term: string): string {
  return `${collection}${LIST_INDEX_SEPARATOR}${term}`;
}

export function isListIndexCollection(collection: string): boolean {
  return collection.includes(LIST_INDEX_SEPARATOR);
}

/** `{sortKey}\t{id}`: ordered by sort key, then id. */
export function listEntryId(sortKey: string, id: string): string {
  return `${sortKey}\t${id}`;
}

/** The listed document's id in an entry id. */
export function listedIdOf(entryId: string): string {
  return entryId.slice(entryId.indexOf('\t') + 1);
}

/**
 * A filter in one canonical form: fields sorted, values URI-encoded (no `:`,
 * which Redis keys reserve, no `&` or `=`), so that the writer and the query
 * name the same index.
 */
export function listTerm(filters: Readonly<Record<string, string | undefined>>): string {
  return Object.keys(filters)
    .filter((field) => filters[field] !== undefined)
    .sort()
    .map((field) => termPart(field, filters[field]!))
    .join('&');
}

/** One field of a term; `listTerm` joins them with `&`, fields sorted. */
const termPart = (field: string, value: string): string => `${field}=${encodeURIComponent(value)}`;

/** Every combination of the given filters (2^n terms; '' among them): what a document answers. */
export function listTermsOf(filters: Readonly<Record<string, string | undefined>>): string[] {
  const fields = Object.keys(filters).filter((f) => filters[f] !== undefined);
  // `listTerm` of each subset, with the sort and the encoding done once, not
  // 2^n times: a payment moves a listed document several times (ADR 0020 §50).
  const parts = fields.map((f) => termPart(f, filters[f]!));
  const sorted = fields.map((_, i) => i).sort((a, b) => (fields[a] < fields[b] ? -1 : 1));
  const terms: string[] = [];
  for (let mask = 0; mask < 1 << fields.length; mask++) {
    let term = '';
    for (const i of sorted) {
      if (mask & (1 << i)) term = term === '' ? parts[i] : `${term}&${parts[i]}`;
    }
    terms.push(term);
  }
  return terms;
}

/** A position as a sort key: fixed width, so that text order is number order. */
export function positionSortKey(position: number): string {
  return String(position).padStart(16, '0');
}

export type Projection = JournalProjection<object> | DocumentProjection<object>;

/** The checkpoint row of a projection: its version is part of the name. */
export function checkpointName(projection: Pick<Projection, 'name' | 'version'>): string {
  return `${projection.name}.v${projection.version}`;
}

/**
 * The operations one event makes on a document read model, given a way to see
 * the current documents (a store reads its own earlier writes through it).
 */
export function documentOperations<D extends object>(
  projection: DocumentProjection<D>,
  event: RecordedEvent,
  current: (id: string) => D | undefined,
): ReadModelOperation<D>[] {
  return documentOperationsOf(projection, event, (_collection, id) => current(id));
}

/**
 * What an event that a projection ignores makes: one array for all of them.
 * Frozen, since a caller that added to it would add to every later answer.
 */
const NO_OPERATIONS: ReadModelOperation<never>[] = Object.freeze([]) as never;

/**
 * `documentOperations` with the stores' loader, which takes the collection:
 * a replay asks ~30 projections about every event, and a closure per
 * question was most of its garbage (issue #16, ADR 0020 §67).
 */
function documentOperationsOf<D extends object>(
  projection: DocumentProjection<D>,
  event: RecordedEvent,
  load: (collection: string, id: string) => object | undefined,
): ReadModelOperation<D>[] {
  const ids = projection.documentIds(event);
  if (ids.length === 0) return NO_OPERATIONS;
  const current = (id: string) => load(projection.collection, id) as D | undefined;
  const operations: ReadModelOperation<D>[] = [];
  // Nothing is written until every id is evolved: `current` is the state before the event.
  const before = (otherId: string): D | undefined => {
    if (ids.includes(otherId)) return current(otherId);
    throw new Error(`${projection.name}: ${otherId} is not among the event's documents`);
  };
  for (const id of ids) {
    const doc = current(id);
    const next = projection.evolve(doc, event, id, before);
    if (next === undefined || next === doc) continue;
    if (next === null) {
      if (doc !== undefined) {
        operations.push({ kind: 'delete', collection: projection.collection, id });
        operations.push(
          ...(listEntryOperations(projection, id, doc, undefined) as typeof operations),
        );
      }
      continue;
    }
    operations.push({ kind: 'put', collection: projection.collection, id, doc: next });
    operations.push(...(listEntryOperations(projection, id, doc, next) as typeof operations));
  }
  return operations;
}

/**
 * The index entries that change when a listed document goes from `before` to
 * `after`: those it leaves are deleted, those it joins are written; an entry
 * it keeps is not touched.
 */
export function listEntryOperations<D extends object>(
  projection: DocumentProjection<D>,
  id: string,
  before: D | undefined,
  after: D | undefined,
): ReadModelOperation[] {
  if (!projection.listing) return NO_OPERATIONS;
  const old = before ? projection.listing(before) : NO_ENTRIES;
  const now = after ? projection.listing(after) : NO_ENTRIES;
  const operations: ReadModelOperation[] = [];
  // A document has a handful of entries (2^n terms, n ≤ 4): a scan of the
  // other list costs less than two maps keyed by new strings (ADR 0020 §67).
  for (const e of old) {
    if (hasEntry(now, e)) continue;
    operations.push({
      kind: 'delete',
      collection: listIndexCollection(projection.collection, e.term),
      id: listEntryId(e.sortKey, id),
    });
  }
  for (const e of now) {
    if (hasEntry(old, e)) continue;
    operations.push({
      kind: 'put',
      collection: listIndexCollection(projection.collection, e.term),
      id: listEntryId(e.sortKey, id),
      doc: { id },
    });
  }
  return operations;
}

const NO_ENTRIES: readonly ListEntry[] = Object.freeze([]);

const hasEntry = (entries: readonly ListEntry[], e: ListEntry): boolean =>
  entries.some((x) => x.term === e.term && x.sortKey === e.sortKey);

/**
 * The operations of one projection for one event; `current` shows a document
 * projection the documents as the store has them (its own earlier writes too).
 */
export function projectionOperations(
  projection: Projection,
  event: RecordedEvent,
  current: (collection: string, id: string) => object | undefined,
): ReadModelOperation[] {
  if (projection.kind === 'journal') return projection.project(event);
  return documentOperationsOf(projection, event, current);
}

/** How a store writes each kind of operation. */
export interface OperationWriter {
  put(op: PutOperation): void;
  delete(op: DeleteOperation): void;
  /** `seq`: the row's index among the rows these operations add to its journal. */
  journal(op: JournalOperation, seq: number): void;
}

/**
 * Writes one projection's operations for one event in order. Every store
 * numbers journal rows the same way, so (position, seq) names the same row in
 * each and a row written twice is caught rather than counted twice.
 */
export function writeOperations(
  operations: readonly ReadModelOperation[],
  writer: OperationWriter,
): void {
  // Made on the first journal row only: most calls write documents alone.
  let seqByJournal: Map<string, number> | undefined;
  for (const op of operations) {
    switch (op.kind) {
      case 'put':
        writer.put(op);
        break;
      case 'delete':
        writer.delete(op);
        break;
      case 'journal': {
        seqByJournal ??= new Map<string, number>();
        const seq = seqByJournal.get(op.journal) ?? 0;
        seqByJournal.set(op.journal, seq + 1);
        writer.journal(op, seq);
        break;
      }
      default: {
        const never: never = op;
        throw new Error(`unknown read-model operation ${JSON.stringify(never)}`);
      }
    }
  }
}

const LEDGER_EVENT_TYPES: ReadonlySet<string> = new Set<string>([
  ...ENTERPRISE_EVENT_TYPES,
  ...SEAT_APPLICATION_EVENT_TYPES,
  ...PERSON_EVENT_TYPES,
  ...PUBLICITY_EVENT_TYPES,
  ...CASE_EVENT_TYPES,
  ...BANK_REFERENCE_EVENT_TYPES,
  // Issue #7: effective seats, site subsidies, internship rewards.
  ...EFFECTIVE_SEAT_EVENT_TYPES,
  ...SITE_EVENT_TYPES,
  ...PREMISES_EVENT_TYPES,
  ...SCHOOL_EVENT_TYPES,
  ...INTERNSHIP_EVENT_TYPES,
  // Issue #14: budgets (ADR 0019).
  ...BUDGET_EVENT_TYPES,
  ...REMITTANCE_EVENT_TYPES,
  // Issue #14: a tranche claimed by a payment batch (the tranche work list's `in-batch`).
  ...TRANCHE_BATCH_EVENT_TYPES,
  // Issue #14 point 7: the payment-batch work list.
  ...PAYMENT_BATCH_EVENT_TYPES,
]);

/**
 * The domain event a recorded event carries, typed for an exhaustive `switch`;
 * `undefined` for types this code does not know (newer programmes), which every
 * projection ignores.
 */
export function asLedgerEvent(event: RecordedEvent): LedgerEvent | undefined {
  if (!LEDGER_EVENT_TYPES.has(event.type)) return undefined;
  // The recorded event itself (it has the type and the data): every projection
  // asks for every event, and a new object each time was garbage (ADR 0020 §67).
  return event as unknown as LedgerEvent;
}

export { cloneDocument } from './clone-document';
export { canonicalInstant } from './canonical-instant';

/**
 * Reads events of every stream in global order: those with a position greater
 * than `afterPosition`, at most `maxCount` of them (an `EventStore.readAll`).
 */
export type ReadEventsPage = (
  afterPosition: number,
  maxCount: number,
) => RecordedEvent[] | Promise<RecordedEvent[]>;
