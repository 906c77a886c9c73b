/**
 * The event-store port. Every backend (embedded SQLite, EventStoreDB) implements
 * exactly this and passes the same contract suite. Single-stream appends with
 * an expected revision: cross-stream decisions are processes (ADR 0002). The
 * embedded store also offers `appendAll`, several streams all or nothing; a
 * caller must keep a path without it (EventStoreDB has none).
 */

/** Who did it, when, under which policy: stored beside every event. */
export interface EventMetadata {
  actor: string;
  role: string;
  /** The business date of the fact (YYYY-MM-DD). */
  businessDate: string;
  /** When the ledger learned it (ISO-8601, UTC). Comes from the command, not the store. */
  recordedAt: string;
  policyVersion?: string;
  correlationId?: string;
  causationId?: string;
  idempotencyKey?: string;
  /**
   * Tamper evidence (ADR 0007), set by the one write path (`runOnStream`), so
   * adapters store them like any other field. Optional: events written before
   * the hash chain have none, and verification treats them as version 1 and
   * unhashed.
   *
   * `schemaVersion`: the version of the event type's data shape when written
   * (upcasters turn older versions into the current shape on read).
   */
  schemaVersion?: number;
  /** SHA-256 hex of the stream's previous event (64 zeros for revision 0). */
  prevHash?: string;
  /** SHA-256 hex over the canonical encoding of this event (integrity/event-seal.ts). */
  hash?: string;
}

export interface EventToAppend {
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  /** Optional id; the store makes one when absent. */
  eventId?: string;
}

/** One stream's part of an all-or-nothing `appendAll`; no events: its revision is only checked. */
export interface StreamAppend {
  stream: string;
  events: EventToAppend[];
  expected: ExpectedRevision;
}

export interface RecordedEvent<TData = Record<string, unknown>> {
  eventId: string;
  type: string;
  stream: string;
  /** 0-based revision of the event in its stream. */
  revision: number;
  /** Global, strictly increasing position (1-based). Gaps are allowed. */
  position: number;
  data: TData;
  metadata: EventMetadata;
}

/**
 * `no_stream`: the stream must not exist. `any`: no check. A number: the
 * revision of the stream's last event must equal it.
 */
export type ExpectedRevision = 'no_stream' | 'any' | number;

export interface AppendResult {
  /** Revision of the last event written. */
  nextExpectedRevision: number;
  /** Global position of the last event written. */
  position: number;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Revision to start from (inclusive). Defaults to the first (forwards) or last (backwards). */
  fromRevision?: number;
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Exclusive: events with a position greater than this. 0 reads from the beginning. */
  afterPosition?: number;
  maxCount?: number;
  /** Only streams starting with one of these prefixes. */
  streamPrefixes?: string[];
  /** Only these event types. */
  eventTypes?: string[];
}

export interface SubscribeOptions {
  afterPosition?: number;
  streamPrefixes?: string[];
  eventTypes?: string[];
  /**
   * Called once if the handler (or the store) throws. The subscription has
   * then stopped: the failing event was not acknowledged and nothing after it is
   * delivered. The store logs nothing itself.
   */
  onError?: (err: unknown) => void;
}

export interface Subscription {
  /** Resolves once the subscription is stopped. */
  stop(): Promise<void>;
}

export type EventHandler = (event: RecordedEvent) => Promise<void> | void;

/** Thrown when the expected revision does not match; nothing was written. */
export class ConcurrencyError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'ConcurrencyError';
  }
}

/**
 * The store could not be reached (refused, dropped, or no answer within the
 * call's deadline) after the adapter's own retries. Whether an append was
 * written is unknown: the caller may retry it (with the same idempotency key).
 * `code` is the transport's (gRPC 14 UNAVAILABLE, 4 DEADLINE_EXCEEDED).
 */
export class EventStoreUnavailableError extends Error {
  constructor(
    readonly code: number | undefined,
    options?: { cause?: unknown },
  ) {
    super('the event store is unavailable; retry shortly', options);
    this.name = 'EventStoreUnavailableError';
  }
}

export interface EventStore {
  append(
    stream: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult>;
  /**
   * Optional (the embedded store): every part at its expected revision in one
   * transaction, or none of them. A part whose revision does not match refuses
   * the whole call with its ConcurrencyError and nothing of any part is
   * written; a part without events is a check only (a stream the caller read
   * to decide). Each stream at most once. One result per part, in order.
   */
  appendAll?(parts: StreamAppend[]): Promise<AppendResult[]>;
  /** An absent stream reads as an empty list. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catch up from `afterPosition`, then receive live events, in order, one at a time. */
  subscribe(handler: EventHandler, options?: SubscribeOptions): Subscription;
  /** Highest global position written so far (0 when empty). */
  headPosition(): Promise<number>;
  close(): Promise<void>;
}
