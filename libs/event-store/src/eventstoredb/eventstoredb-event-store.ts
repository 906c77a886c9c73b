import {
  ANY,
  AppendExpectedRevision,
  AppendResult as EsdbAppendResult,
  BACKWARDS,
  END,
  EventStoreDBClient,
  Filter,
  FORWARDS,
  NO_STREAM,
  ReadPosition,
  ResolvedEvent,
  START,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
} from '@eventstore/db-client';
import {
  AppendResult,
  ConcurrencyError,
  EventHandler,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import {
  assertExpectedRevision,
  assertFilter,
  assertIntegerInRange,
  assertStreamName as assertPortStreamName,
  copyFilter,
  EventFilter,
  readsBackwards,
} from '../event-store-arguments';
import { currentAppendScope } from '../append-scope';
import { isStreamNotFound, isWrongExpectedVersion, toActualRevision } from './eventstoredb-errors';
import {
  bigintToSafeNumber,
  commitOf,
  exactMatchRegex,
  isSystemEvent,
  matchesFilter,
  positionOf,
  toEventData,
  toRecordedEvent,
} from './eventstoredb-events';
import {
  EVENTSTOREDB_DEFAULT_DEADLINE_MS,
  EVENTSTOREDB_EVENT_STORE_LIMITS,
  UnavailableRetry,
} from './eventstoredb-retry';
import { EventStoreDbSubscription } from './eventstoredb-subscription';

export { isUnavailableError } from './eventstoredb-errors';
export {
  EVENTSTOREDB_DEFAULT_DEADLINE_MS,
  EVENTSTOREDB_EVENT_STORE_LIMITS,
} from './eventstoredb-retry';
export { bigintToSafeNumber, esdbEventId } from './eventstoredb-events';

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
 * Retries on UNAVAILABLE: eventstoredb-retry.ts. An outage reaches the
 * caller as EventStoreUnavailableError (the port's), bounded in time by the
 * gRPC deadline and the retries.
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
  /** How long an attempt waits for a connection not established (EVENTSTOREDB_DEFAULT_DEADLINE_MS). */
  deadlineMs?: number;
}

/** grpc-js `connectivityState.READY`. */
const GRPC_READY = 2;

export class EventStoreDbEventStore implements EventStore {
  private readonly subscriptions = new Set<EventStoreDbSubscription>();
  private closed = false;
  private readonly retry: UnavailableRetry;
  private readonly pageSize: number;

  private constructor(
    private readonly client: EventStoreDBClient,
    options: EventStoreDbEventStoreOptions,
  ) {
    const limits = EVENTSTOREDB_EVENT_STORE_LIMITS;
    this.retry = UnavailableRetry.of(
      options,
      limits,
      EVENTSTOREDB_DEFAULT_DEADLINE_MS,
      () => this.closed,
      () => this.channelReady(),
    );
    this.pageSize = options.readPageSize ?? 500;
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
      result = await this.retry.run(
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
    const backwards = readsBackwards(options.direction);
    if (options.fromRevision !== undefined) {
      assertIntegerInRange('fromRevision', options.fromRevision, 0, Number.MAX_SAFE_INTEGER);
    }
    if (options.maxCount !== undefined) {
      assertIntegerInRange('maxCount', options.maxCount, 0, Number.MAX_SAFE_INTEGER);
      if (options.maxCount === 0) return [];
    }
    let resolved: ResolvedEvent[];
    try {
      resolved = await this.retry.run(() =>
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
    assertFilter(options, EVENTSTOREDB_EVENT_STORE_LIMITS);
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
      const page = await this.retry.run(() =>
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
      const page = await this.retry.run(() =>
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
    assertFilter(options, EVENTSTOREDB_EVENT_STORE_LIMITS);
    const filter = copyFilter(options);
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

  /** The gRPC channel is READY (2): connected, so a slow call is left to gRPC's deadline. */
  private async channelReady(): Promise<boolean> {
    try {
      const internals = this.client as unknown as {
        getChannel(): Promise<{ getConnectivityState(tryToConnect: boolean): number }>;
      };
      return (await internals.getChannel()).getConnectivityState(false) === GRPC_READY;
    } catch {
      return false;
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}

/** Our stream names, minus EventStoreDB's system streams. */
function assertStreamName(stream: string): void {
  assertPortStreamName(stream);
  if (stream.startsWith('$')) throw new RangeError('stream must not start with $ (system streams)');
}

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
