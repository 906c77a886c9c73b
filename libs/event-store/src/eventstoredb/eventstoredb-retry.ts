import { assertIntegerInRange } from '../event-store-arguments';
import { isUnavailableError } from './eventstoredb-errors';

/** Bounds of the retry options of EventStoreDbEventStore. */
export interface RetryLimits {
  retryAttemptsMax: number;
  retryBackoffMsMax: number;
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
 */
export class UnavailableRetry {
  private constructor(
    private readonly attempts: number,
    private readonly backoffMsMin: number,
    private readonly backoffMsMax: number,
    /** True once the store is closed: a closed store stops retrying. */
    private readonly stopped: () => boolean,
  ) {}

  /** Checks the options (defaults: 5 attempts, backoff from 50 ms up to 1,000 ms). */
  static of(
    options: { retryAttempts?: number; retryBackoffMsMin?: number; retryBackoffMsMax?: number },
    limits: RetryLimits,
    stopped: () => boolean,
  ): UnavailableRetry {
    const attempts = options.retryAttempts ?? 5;
    const backoffMsMin = options.retryBackoffMsMin ?? 50;
    const backoffMsMax = options.retryBackoffMsMax ?? 1_000;
    assertIntegerInRange('retryAttempts', attempts, 1, limits.retryAttemptsMax);
    assertIntegerInRange('retryBackoffMsMin', backoffMsMin, 0, limits.retryBackoffMsMax);
    assertIntegerInRange('retryBackoffMsMax', backoffMsMax, backoffMsMin, limits.retryBackoffMsMax);
    return new UnavailableRetry(attempts, backoffMsMin, backoffMsMax, stopped);
  }

  /** Runs `operation`, again after a backoff while it fails with UNAVAILABLE and `retryable`. */
  async run<T>(operation: () => Promise<T>, retryable = true): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await operation();
      } catch (err) {
        if (!retryable || !isUnavailableError(err) || attempt >= this.attempts || this.stopped()) {
          throw err;
        }
        const backoffMs = Math.min(this.backoffMsMax, this.backoffMsMin * 2 ** (attempt - 1));
        await new Promise((resolve) => setTimeout(resolve, backoffMs));
      }
    }
  }
}
