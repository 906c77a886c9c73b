import { assertIntegerInRange } from '../event-store-arguments';
import { EventStoreUnavailableError } from '../event-store.port';
import { asOutage, isUnavailableError } from './eventstoredb-errors';

const GRPC_DEADLINE_EXCEEDED = 4;

/**
 * The deadline of each call (an attempt; given to gRPC too unless the
 * connection string sets its own `defaultDeadline`): the client's default
 * (10 s) would hold a request that long on a hung server. A page of 500
 * events or an append answers well within it on a working one (ADR 0015).
 */
export const EVENTSTOREDB_DEFAULT_DEADLINE_MS = 2_000;

/** Adds `defaultDeadline` to a connection string that has none. */
export function withDefaultDeadline(connectionString: string, deadlineMs: number): string {
  if (/[?&]defaultDeadline=/i.test(connectionString)) return connectionString;
  const separator = connectionString.includes('?') ? '&' : '?';
  return `${connectionString}${separator}defaultDeadline=${deadlineMs}`;
}

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
 * Each attempt has its own deadline, kept here as well as given to gRPC: the
 * client's deadline does not cover a connection that is accepted and never
 * answers (a hung server, a half-open proxy), where a call would wait for the
 * transport's own timeouts. An attempt past its deadline is abandoned (its
 * outcome, for an append, is unknown, as with a lost acknowledgement).
 */
export class UnavailableRetry {
  private constructor(
    private readonly attempts: number,
    private readonly backoffMsMin: number,
    private readonly backoffMsMax: number,
    private readonly deadlineMs: number,
    /** True once the store is closed: a closed store stops retrying. */
    private readonly stopped: () => boolean,
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
  ): UnavailableRetry {
    const attempts = options.retryAttempts ?? 5;
    const backoffMsMin = options.retryBackoffMsMin ?? 50;
    const backoffMsMax = options.retryBackoffMsMax ?? 1_000;
    const deadlineMs = options.deadlineMs ?? defaultDeadlineMs;
    assertIntegerInRange('retryAttempts', attempts, 1, limits.retryAttemptsMax);
    assertIntegerInRange('retryBackoffMsMin', backoffMsMin, 0, limits.retryBackoffMsMax);
    assertIntegerInRange('retryBackoffMsMax', backoffMsMax, backoffMsMin, limits.retryBackoffMsMax);
    assertIntegerInRange('deadlineMs', deadlineMs, 1, limits.deadlineMsMax);
    return new UnavailableRetry(attempts, backoffMsMin, backoffMsMax, deadlineMs, stopped);
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

  private async withinDeadline<T>(operation: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new EventStoreUnavailableError(GRPC_DEADLINE_EXCEEDED)),
        this.deadlineMs,
      );
    });
    const attempt = operation();
    // An abandoned attempt may still fail later: nobody is waiting for it then.
    attempt.catch(() => undefined);
    try {
      return await Promise.race([attempt, expired]);
    } finally {
      clearTimeout(timer);
    }
  }
}
