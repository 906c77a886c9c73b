import { assertIntegerInRange } from '../event-store-arguments';
import { EventStoreUnavailableError } from '../event-store.port';
import { asOutage, isUnavailableError } from './eventstoredb-errors';

const GRPC_DEADLINE_EXCEEDED = 4;

/**
 * How long an attempt waits for a connection that is not established (ADR
 * 0015). gRPC's own deadline (the client's `defaultDeadline`, 10 s unless the
 * connection string sets it) does not cover a channel that never becomes
 * ready, a server that accepts the connection and never answers: without this
 * such a call waits for good. A call on an established connection is left to
 * gRPC's deadline: a busy server is slow, not gone, and a 503 then would
 * refuse work it is about to do.
 */
export const EVENTSTOREDB_DEFAULT_DEADLINE_MS = 2_000;

export const EVENTSTOREDB_EVENT_STORE_LIMITS = {
  retryAttemptsMax: 20,
  retryBackoffMsMax: 60_000,
  deadlineMsMax: 600_000,
  readPageSizeMin: 2,
  readPageSizeMax: 10_000,
  filterStreamPrefixesMax: 32,
  filterEventTypesMax: 128,
} as const;

/** Bounds of the retry options of EventStoreDbEventStore. */
export interface RetryLimits {
  retryAttemptsMax: number;
  retryBackoffMsMax: number;
  deadlineMsMax: number;
}

/**
 * Retries of EventStoreDbEventStore: a call failing with UNAVAILABLE (gRPC 14,
 * with or without the client's `type`) is retried with capped exponential
 * backoff. Reads are always safe to retry. An append may have been written
 * before the connection dropped, so it is retried only when the retry is
 * idempotent: every event's id is fixed before the first attempt, and with an
 * expected revision of `no_stream` or a number EventStoreDB answers a repeated
 * append of the same ids at the same place with the original result instead of
 * writing again. With `any` its idempotency is only best-effort (a cache), so
 * an `any` append is not retried and the UNAVAILABLE error reaches the caller.
 * Subscriptions are not retried: a dropped subscription calls `onError` and
 * stops, and the projector resubscribes from its checkpoint.
 *
 * DEADLINE_EXCEEDED is not retried: a server that does not answer within the
 * deadline would only make the caller wait that long again. What is left after
 * the retries (UNAVAILABLE or DEADLINE_EXCEEDED) reaches the caller as an
 * EventStoreUnavailableError, which the API answers with 503 (ADR 0015).
 *
 * An attempt still waiting for a connection after EVENTSTOREDB_DEFAULT_DEADLINE_MS
 * is abandoned as an outage (its outcome, for an append, is unknown, as with a
 * lost acknowledgement); on an established connection gRPC's deadline applies.
 */
export class UnavailableRetry {
  private constructor(
    private readonly attempts: number,
    private readonly backoffMsMin: number,
    private readonly backoffMsMax: number,
    private readonly deadlineMs: number,
    /** True once the store is closed: a closed store stops retrying. */
    private readonly stopped: () => boolean,
    /** Whether the connection is established (gRPC channel READY). */
    private readonly connected: () => Promise<boolean>,
  ) {}

  /** Checks the options (defaults: 5 attempts, backoff from 50 ms up to 1,000 ms). */
  static of(
    options: {
      retryAttempts?: number;
      retryBackoffMsMin?: number;
      retryBackoffMsMax?: number;
      deadlineMs?: number;
    },
    limits: RetryLimits,
    defaultDeadlineMs: number,
    stopped: () => boolean,
    connected: () => Promise<boolean> = () => Promise.resolve(false),
  ): UnavailableRetry {
    const attempts = options.retryAttempts ?? 5;
    const backoffMsMin = options.retryBackoffMsMin ?? 50;
    const backoffMsMax = options.retryBackoffMsMax ?? 1_000;
    const deadlineMs = options.deadlineMs ?? defaultDeadlineMs;
    assertIntegerInRange('retryAttempts', attempts, 1, limits.retryAttemptsMax);
    assertIntegerInRange('retryBackoffMsMin', backoffMsMin, 0, limits.retryBackoffMsMax);
    assertIntegerInRange('retryBackoffMsMax', backoffMsMax, backoffMsMin, limits.retryBackoffMsMax);
    assertIntegerInRange('deadlineMs', deadlineMs, 1, limits.deadlineMsMax);
    return new UnavailableRetry(
      attempts,
      backoffMsMin,
      backoffMsMax,
      deadlineMs,
      stopped,
      connected,
    );
  }

  /** Runs `operation`, again after a backoff while it fails with UNAVAILABLE and `retryable`. */
  async run<T>(operation: () => Promise<T>, retryable = true): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.withinDeadline(operation);
      } catch (err) {
        if (!retryable || !isUnavailableError(err) || attempt >= this.attempts || this.stopped()) {
          throw asOutage(err);
        }
        const backoffMs = Math.min(this.backoffMsMax, this.backoffMsMin * 2 ** (attempt - 1));
        await new Promise((resolve) => setTimeout(resolve, backoffMs));
      }
    }
  }

  /** The attempt, or an outage once the deadline passed without a connection. */
  private async withinDeadline<T>(operation: () => Promise<T>): Promise<T> {
    const attempt = operation();
    // An abandoned attempt may still fail later: nobody is waiting for it then.
    attempt.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<typeof EXPIRED>((resolve) => {
      timer = setTimeout(() => resolve(EXPIRED), this.deadlineMs);
    });
    try {
      const first = await Promise.race([attempt, expired]);
      if (first !== EXPIRED) return first;
    } finally {
      clearTimeout(timer);
    }
    if (!(await this.connected())) throw new EventStoreUnavailableError(GRPC_DEADLINE_EXCEEDED);
    return attempt;
  }
}

const EXPIRED = Symbol('expired');
