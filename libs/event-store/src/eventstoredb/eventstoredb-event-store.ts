import { createHash, randomUUID } from 'node:crypto';
import {
  ANY,
  AllStreamResolvedEvent,
  AllStreamSubscription,
  AppendExpectedRevision,
  AppendResult as EsdbAppendResult,
  BACKWARDS,
  END,
  ErrorType,
  EventData,
  EventStoreDBClient,
  Filter,
  FORWARDS,
  NO_STREAM,
  Position,
  ReadPosition,
  ResolvedEvent,
  START,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
} from '@eventstore/db-client';
import {
  AppendResult,
  ConcurrencyError,
  EventHandler,
  EventMetadata,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { currentAppendScope } from '../append-scope';

/**
 * The event store on EventStoreDB 20.6+ through `@eventstore/db-client` 6.x,
 * for the scale-out deployment (selected by `LEDGER_EVENTSTORE_URL`, an
 * `esdb://` connection string).
 *
 * Mapping to the port:
 * - Events are JSON. EventStoreDB data = our `data`; EventStoreDB metadata =
 *   our EventMetadata plus `eventId` (our id, kept verbatim). The EventStoreDB
 *   event id is our id when it is a UUID, else a UUID v5 derived from it.
 * - Revisions and positions arrive as bigint and are converted explicitly;
 *   anything above Number.MAX_SAFE_INTEGER is refused with a RangeError rather
 *   than rounded. No bigint is ever passed to JSON.stringify.
 * - Global position = the `$all` commit position. For events appended through
 *   gRPC, EventStoreDB gives every event its own commit position (its log
 *   position, commit = prepare), so positions are unique and increasing — but
 *   they are byte offsets: they have large gaps, and no one may assume
 *   position + 1. `afterPosition` must be 0 or a position this store returned
 *   (an event's position or `headPosition()`): EventStoreDB refuses to read from
 *   an offset that is not an event boundary.
 * - System events (`$`-prefixed stream or type: statistics, metadata, links)
 *   are invisible through the port, and appends to `$` streams or with `$`
 *   types are refused.
 * - WrongExpectedVersion becomes ConcurrencyError with the actual revision;
 *   StreamNotFound reads as an empty stream.
 *
 * Retries: a call failing with UNAVAILABLE (gRPC 14, with or without the
 * client's `type`) is retried with capped exponential backoff. Reads are
 * always safe to retry. An append may have been written before the connection
 * dropped, so it is retried only when the retry is idempotent: every event's
 * id is fixed before the first attempt, and with an expected revision of
 * `no_stream` or a number EventStoreDB answers a repeated append of the same
 * ids at the same place with the original result instead of writing again.
 * With `any` its idempotency is only best-effort (a cache), so an `any` append
 * is not retried and the UNAVAILABLE error reaches the caller. Subscriptions
 * are not retried: a dropped subscription calls `onError` and stops, and the
 * projector resubscribes from its checkpoint.
 */
export interface EventStoreDbEventStoreOptions {
  /** Attempts for an operation failing with UNAVAILABLE, the first included. Default 5. */
  retryAttempts?: number;
  /** First backoff; doubled per attempt up to `retryBackoffMsMax`. Default 50. */
  retryBackoffMsMin?: number;
  /** Default 1,000. */
  retryBackoffMsMax?: number;
  /** Events per `$all` page when reading, scanning for the head. Default 500. */
  readPageSize?: number;
}

export const EVENTSTOREDB_EVENT_STORE_LIMITS = {
  retryAttemptsMax: 20,
  retryBackoffMsMax: 60_000,
  readPageSizeMin: 2,
  readPageSizeMax: 10_000,
  filterStreamPrefixesMax: 32,
  filterEventTypesMax: 128,
} as const;

const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Namespace of the UUID v5 ids made from non-UUID event ids (fixed forever). */
const EVENT_ID_NAMESPACE = '5b0e6f7e-3c1a-4e8b-9d2f-6a4c8e1b7d30';
const GRPC_UNAVAILABLE = 14;

interface EventFilter {
  streamPrefixes?: string[];
  eventTypes?: string[];
}

type AnyResolvedEvent = ResolvedEvent | AllStreamResolvedEvent;

export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private closed = false;
  private readonly retryAttempts: number;
  private readonly backoffMsMin: number;
  private readonly backoffMsMax: number;
  private readonly pageSize: number;

  private constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbEventStoreOptions,
  ) {
    const limits = EVENTSTOREDB_EVENT_STORE_LIMITS;
    this.retryAttempts = options.retryAttempts ?? 5;
    this.backoffMsMin = options.retryBackoffMsMin ?? 50;
    this.backoffMsMax = options.retryBackoffMsMax ?? 1_000;
    this.pageSize = options.readPageSize ?? 500;
    assertIntegerInRange('retryAttempts', this.retryAttempts, 1, limits.retryAttemptsMax);
    assertIntegerInRange('retryBackoffMsMin', this.backoffMsMin, 0, limits.retryBackoffMsMax);
    assertIntegerInRange(
      'retryBackoffMsMax',
      this.backoffMsMax,
      this.backoffMsMin,
      limits.retryBackoffMsMax,
    );
    assertIntegerInRange(
      'readPageSize',
      this.pageSize,
      limits.readPageSizeMin,
      limits.readPageSizeMax,
    );
  }

  /** `esdb://host:2113?tls=false`, `esdb+discover://…`: see the client's connection string docs. */
  static connect(
    connectionString: string,
    options: EventStoreDbEventStoreOptions = {},
  ): EventStoreDbEventStore {
    if (
      typeof connectionString !== 'string' ||
      !/^esdb(\+discover)?:\/\//i.test(connectionString)
    ) {
      throw new TypeError(
        'an EventStoreDB connection string starts with esdb:// or esdb+discover://',
      );
    }
    return new EventStoreDbEventStore(
      EventStoreDBClient.connectionString(connectionString),
      options,
    );
  }

  async append(
    stream: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    this.assertOpen();
    assertStreamName(stream);
    assertExpectedRevision(expected);
    if (!Array.isArray(events)) throw new TypeError('events must be an array');
    // Ids are fixed here, once, so that every retry proposes the same events.
    const proposed = events.map(toEventData);
    if (proposed.length === 0) return this.checkOnly(stream, expected);
    await currentAppendScope()?.beforeAppend?.(this, stream); // ADR 0011: the idempotency fence
    const expectedRevision: AppendExpectedRevision =
      expected === 'no_stream' ? NO_STREAM : expected === 'any' ? ANY : BigInt(expected);
    let result: EsdbAppendResult;
    try {
      result = await this.withRetry(
        () => this.client.appendToStream(stream, proposed, { expectedRevision }),
        expected !== 'any',
      );
    } catch (err) {
      if (isWrongExpectedVersion(err)) {
        throw new ConcurrencyError(stream, expected, toActualRevision(err.actualVersion));
      }
      throw err;
    }
    if (!result.success) {
      // Only with throwOnAppendFailure=false in the connection string; the
      // client's own "current revision" is unreliable then (batch append), so
      // the stream is asked.
      throw new ConcurrencyError(stream, expected, await this.currentRevision(stream));
    }
    if (result.position === undefined) {
      throw new Error(`EventStoreDB returned no position for an append to ${stream}`);
    }
    return {
      nextExpectedRevision: bigintToSafeNumber(result.nextExpectedRevision, 'revision'),
      position: bigintToSafeNumber(result.position.commit, 'commit position'),
    };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamName(stream);
    const backwards = (options.direction ?? 'forwards') === 'backwards';
    if (options.direction !== undefined && options.direction !== 'forwards' && !backwards) {
      throw new TypeError(`unknown direction ${String(options.direction)}`);
    }
    if (options.fromRevision !== undefined) {
      assertIntegerInRange('fromRevision', options.fromRevision, 0, Number.MAX_SAFE_INTEGER);
    }
    if (options.maxCount !== undefined) {
      assertIntegerInRange('maxCount', options.maxCount, 0, Number.MAX_SAFE_INTEGER);
      if (options.maxCount === 0) return [];
    }
    let resolved: ResolvedEvent[];
    try {
      resolved = await this.withRetry(() =>
        collect(
          this.client.readStream(stream, {
            direction: backwards ? BACKWARDS : FORWARDS,
            fromRevision:
              options.fromRevision === undefined
                ? backwards
                  ? END
                  : START
                : BigInt(options.fromRevision),
            maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
          }),
        ),
      );
    } catch (err) {
      if (isStreamNotFound(err)) return [];
      throw err;
    }
    return resolved.map(toRecordedEvent).filter(isDefined);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const afterPosition = options.afterPosition ?? 0;
    assertIntegerInRange('afterPosition', afterPosition, 0, Number.MAX_SAFE_INTEGER);
    if (options.maxCount !== undefined) {
      assertIntegerInRange('maxCount', options.maxCount, 0, Number.MAX_SAFE_INTEGER);
    }
    assertFilter(options);
    const filter: EventFilter = {
      streamPrefixes: options.streamPrefixes,
      eventTypes: options.eventTypes,
    };
    const filtered = filter.streamPrefixes !== undefined || filter.eventTypes !== undefined;
    const wanted = options.maxCount ?? Infinity;
    const out: RecordedEvent[] = [];
    if (wanted === 0) return out;
    // Paging from the last event seen: a forwards read from a position
    // includes the event at that position, which is skipped.
    let from: ReadPosition = afterPosition === 0 ? START : positionOf(BigInt(afterPosition));
    let seen = BigInt(afterPosition);
    for (;;) {
      const count = filtered
        ? this.pageSize
        : Math.min(this.pageSize, Math.max(2, wanted - out.length + 1));
      const page = await this.withRetry(() =>
        collect(this.client.readAll({ fromPosition: from, direction: FORWARDS, maxCount: count })),
      );
      for (const resolved of page) {
        const commit = commitOf(resolved);
        if (commit === undefined || commit <= seen) continue;
        seen = commit;
        const event = toRecordedEvent(resolved);
        if (event && matchesFilter(event, filter)) {
          out.push(event);
          if (out.length >= wanted) return out;
        }
      }
      if (page.length < count) return out;
      from = positionOf(seen);
    }
  }

  /** The highest commit position of a non-system event, 0 when there is none. */
  async headPosition(): Promise<number> {
    this.assertOpen();
    let from: ReadPosition = END;
    let lowest: bigint | undefined;
    for (;;) {
      const page = await this.withRetry(() =>
        collect(
          this.client.readAll({
            fromPosition: from,
            direction: BACKWARDS,
            maxCount: this.pageSize,
          }),
        ),
      );
      for (const resolved of page) {
        const commit = commitOf(resolved);
        // Whether a backwards read includes its start event is not relied on.
        if (commit === undefined || (lowest !== undefined && commit >= lowest)) continue;
        lowest = commit;
        if (resolved.event && !isSystemEvent(resolved.event.streamId, resolved.event.type)) {
          return bigintToSafeNumber(commit, 'commit position');
        }
      }
      if (page.length < this.pageSize || lowest === undefined) return 0;
      from = positionOf(lowest);
    }
  }

  subscribe(handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const afterPosition = options.afterPosition ?? 0;
    assertIntegerInRange('afterPosition', afterPosition, 0, Number.MAX_SAFE_INTEGER);
    assertFilter(options);
    // Copied so a caller mutating its arrays later cannot change a running filter.
    const filter: EventFilter = {
      streamPrefixes: options.streamPrefixes && [...options.streamPrefixes],
      eventTypes: options.eventTypes && [...options.eventTypes],
    };
    // The server filters on one thing only; the other (and the system-event
    // check) is applied again here.
    const serverFilter: Filter = filter.streamPrefixes
      ? streamNameFilter({ prefixes: filter.streamPrefixes })
      : filter.eventTypes
        ? eventTypeFilter({ regex: exactMatchRegex(filter.eventTypes) })
        : excludeSystemEvents();
    const source = this.client.subscribeToAll({
      fromPosition: afterPosition === 0 ? START : positionOf(BigInt(afterPosition)),
      filter: serverFilter,
    });
    const subscription = new EventStoreDbSubscription(
      source,
      handler,
      BigInt(afterPosition),
      filter,
      options.onError,
    );
    this.subscriptions.add(subscription);
    subscription.start(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  /** Stops every subscription, then releases the client's streams and channel. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    await this.client.dispose();
    try {
      // `getChannel` is the client's (protected) accessor; the client has no
      // public close, and an open channel would keep the process alive.
      const internals = this.client as unknown as { getChannel(): Promise<{ close(): void }> };
      (await internals.getChannel()).close();
    } catch {
      // Nothing was connected.
    }
  }

  /** An empty append checks `expected` and reports where the stream is; it writes nothing. */
  private async checkOnly(stream: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [last] = await this.readStream(stream, { direction: 'backwards', maxCount: 1 });
    const current = last === undefined ? ('no_stream' as const) : last.revision;
    if (expected !== 'any' && expected !== current) {
      throw new ConcurrencyError(stream, expected, current);
    }
    return last === undefined
      ? { nextExpectedRevision: -1, position: 0 }
      : { nextExpectedRevision: last.revision, position: last.position };
  }

  private async currentRevision(stream: string): Promise<number | 'no_stream'> {
    const [last] = await this.readStream(stream, { direction: 'backwards', maxCount: 1 });
    return last === undefined ? 'no_stream' : last.revision;
  }

  private async withRetry<T>(operation: () => Promise<T>, retryable = true): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await operation();
      } catch (err) {
        if (
          !retryable ||
          !isUnavailableError(err) ||
          attempt >= this.retryAttempts ||
          this.closed
        ) {
          throw err;
        }
        const backoffMs = Math.min(this.backoffMsMax, this.backoffMsMin * 2 ** (attempt - 1));
        await new Promise((resolve) => setTimeout(resolve, backoffMs));
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}

/**
 * Catch-up then live, from the client's `$all` subscription: events are
 * handed to the handler one at a time, in order, each awaited before the next
 * is read. An error (the handler's, or the stream's: UNAVAILABLE when the
 * server goes away) calls `onError` once and ends the subscription.
 */
class EventStoreDbSubscription implements Subscription {
  private stopped = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly handler: EventHandler,
    private cursor: bigint,
    private readonly filter: EventFilter,
    private readonly onError: ((err: unknown) => void) | undefined,
  ) {}

  start(onExit: () => void): void {
    this.loop = this.run().finally(onExit);
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      await this.source.unsubscribe().catch(() => undefined);
      this.source.destroy();
    }
    await this.loop;
  }

  private async run(): Promise<void> {
    try {
      for await (const resolved of this.source as AsyncIterable<AllStreamResolvedEvent>) {
        if (this.stopped) return;
        const commit = commitOf(resolved);
        if (commit === undefined || commit <= this.cursor) continue;
        const event = toRecordedEvent(resolved);
        if (event && matchesFilter(event, this.filter)) await this.handler(event);
        this.cursor = commit;
      }
      if (!this.stopped) throw new Error('the EventStoreDB subscription ended');
    } catch (err) {
      if (this.stopped) return;
      this.stopped = true;
      await this.source.unsubscribe().catch(() => undefined);
      this.source.destroy();
      this.onError?.(err);
    }
  }
}

// ------------------------------------------------------------------ helpers

/** UNAVAILABLE as the client reports it: a typed UnavailableError, or a raw gRPC error with code 14. */
export function isUnavailableError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { type, code } = err as { type?: unknown; code?: unknown };
  return type === ErrorType.UNAVAILABLE || code === GRPC_UNAVAILABLE;
}

/** Exact, explicit bigint → number; refuses what a double cannot hold exactly. */
export function bigintToSafeNumber(value: bigint, what: string): number {
  if (typeof value !== 'bigint') throw new TypeError(`${what} must be a bigint`);
  if (value < 0n || value > SAFE_MAX) {
    throw new RangeError(`${what} ${value.toString()} is outside 0..${SAFE_MAX.toString()}`);
  }
  return Number(value);
}

function isWrongExpectedVersion(err: unknown): err is { actualVersion: bigint | 'no_stream' } {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as { type?: unknown }).type === ErrorType.WRONG_EXPECTED_VERSION
  );
}

function isStreamNotFound(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as { type?: unknown }).type === ErrorType.STREAM_NOT_FOUND
  );
}

function toActualRevision(actual: bigint | 'no_stream' | undefined): number | 'no_stream' {
  if (actual === undefined || actual === 'no_stream' || actual < 0n) return 'no_stream';
  return bigintToSafeNumber(actual, 'revision');
}

function positionOf(commit: bigint): Position {
  return { commit, prepare: commit };
}

function commitOf(resolved: AnyResolvedEvent): bigint | undefined {
  return (
    resolved.event?.position?.commit ?? resolved.link?.position?.commit ?? resolved.commitPosition
  );
}

function isSystemEvent(stream: string, type: string): boolean {
  return stream.startsWith('$') || type.startsWith('$');
}

function toRecordedEvent(resolved: AnyResolvedEvent): RecordedEvent | undefined {
  const e = resolved.event;
  if (!e || isSystemEvent(e.streamId, e.type)) return undefined;
  if (!e.isJson || !isPlainObject(e.data) || !isPlainObject(e.metadata)) {
    throw new TypeError(
      `event ${e.id} in ${e.streamId} is not a ledger event (JSON object data and metadata)`,
    );
  }
  if (e.position === undefined) throw new Error(`event ${e.id} in ${e.streamId} has no position`);
  const { eventId, ...metadata } = e.metadata as Record<string, unknown>;
  return {
    eventId: typeof eventId === 'string' ? eventId : e.id,
    type: e.type,
    stream: e.streamId,
    revision: bigintToSafeNumber(e.revision, 'revision'),
    position: bigintToSafeNumber(e.position.commit, 'commit position'),
    data: e.data as Record<string, unknown>,
    metadata: metadata as unknown as EventMetadata,
  };
}

function toEventData(event: EventToAppend, index: number): EventData {
  assertText(`events[${index}].type`, event.type, 256);
  if (event.type.startsWith('$'))
    throw new RangeError(`events[${index}].type must not start with $`);
  if (event.eventId !== undefined) assertText(`events[${index}].eventId`, event.eventId, 128);
  if (!isPlainObject(event.data)) throw new TypeError(`events[${index}].data must be an object`);
  if (!isPlainObject(event.metadata)) {
    throw new TypeError(`events[${index}].metadata must be an object`);
  }
  const eventId = event.eventId ?? randomUUID();
  return jsonEvent({
    id: esdbEventId(eventId),
    type: event.type,
    data: event.data,
    metadata: { ...event.metadata, eventId },
  });
}

/** The EventStoreDB id for one of ours: itself when a UUID, else a UUID v5 of it (deterministic). */
export function esdbEventId(eventId: string): string {
  if (UUID_PATTERN.test(eventId)) return eventId.toLowerCase();
  const namespace = Buffer.from(EVENT_ID_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(eventId, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function exactMatchRegex(values: string[]): string {
  return `^(?:${values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})$`;
}

function matchesFilter(event: RecordedEvent, filter: EventFilter): boolean {
  if (filter.streamPrefixes && !filter.streamPrefixes.some((p) => event.stream.startsWith(p))) {
    return false;
  }
  return !filter.eventTypes || filter.eventTypes.includes(event.type);
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function isPlainObject(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array)
  );
}

function assertStreamName(stream: string): void {
  assertText('stream', stream, 1_024);
  if (stream.startsWith('$')) throw new RangeError('stream must not start with $ (system streams)');
}

function assertExpectedRevision(expected: ExpectedRevision): void {
  if (expected === 'any' || expected === 'no_stream') return;
  assertIntegerInRange('expected revision', expected, 0, Number.MAX_SAFE_INTEGER);
}

/** Empty filter lists are refused: "match nothing" and "match all" would both surprise. */
function assertFilter(filter: EventFilter): void {
  const limits = EVENTSTOREDB_EVENT_STORE_LIMITS;
  assertList('streamPrefixes', filter.streamPrefixes, limits.filterStreamPrefixesMax);
  assertList('eventTypes', filter.eventTypes, limits.filterEventTypesMax);
  filter.streamPrefixes?.forEach((p, i) => assertText(`streamPrefixes[${i}]`, p, 1_024));
  filter.eventTypes?.forEach((t, i) => assertText(`eventTypes[${i}]`, t, 256));
}

function assertList(name: string, list: string[] | undefined, lengthMax: number): void {
  if (list === undefined) return;
  if (!Array.isArray(list) || list.length === 0 || list.length > lengthMax) {
    throw new RangeError(`${name} must be a list of 1..${lengthMax} strings when given`);
  }
}

function assertText(name: string, value: unknown, lengthMax: number): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > lengthMax) {
    throw new RangeError(`${name} must be a string of 1..${lengthMax} chars`);
  }
}

function assertIntegerInRange(name: string, value: unknown, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    throw new RangeError(`${name} must be an integer in ${min}..${max}, got ${String(value)}`);
  }
}
