import { ServiceUnavailableException } from '@nestjs/common';
import { EventStoreUnavailableError } from '@ledger/event-store/event-store.port';

/** What the API depends on at run time, as readiness names it. */
export type Dependency = 'eventstoredb' | 'redis';

/**
 * A dependency is down or does not answer in time (issue #12 point 5). It is
 * a passing state, not a bug: the request is refused with 503 and
 * `Retry-After`, and a refused command wrote nothing or, if its append's
 * answer was lost, is safe to retry with the same `Idempotency-Key`.
 * Long enough that a fleet of clients does not hammer a store that is coming
 * back, short enough that a restart is not waited out for long.
 */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

/** What was out of reach, in the message: the event store, or Redis for one of its uses. */
export type Unreachable = 'event store' | 'read models (Redis)' | 'idempotency keys (Redis)';

const DEPENDENCY_OF: Record<Unreachable, Dependency> = {
  'event store': 'eventstoredb',
  'read models (Redis)': 'redis',
  'idempotency keys (Redis)': 'redis',
};

export class DependencyUnavailableException extends ServiceUnavailableException {
  readonly retryAfterSeconds = DEPENDENCY_RETRY_AFTER_SECONDS;
  readonly dependency: Dependency;

  constructor(what: Unreachable, options?: { cause?: unknown }) {
    super(
      `the ${what} ${what === 'event store' ? 'is' : 'are'} unavailable; retry shortly`,
      options,
    );
    this.dependency = DEPENDENCY_OF[what];
  }
}

/** Also recognises the error from a second copy of the module (duck typing). */
const isEventStoreUnavailable = (error: unknown): boolean =>
  error instanceof EventStoreUnavailableError ||
  (error instanceof Error && error.name === 'EventStoreUnavailableError');

/** The 503 of an outage the storage reported; undefined for anything else. */
export function asDependencyUnavailable(
  error: unknown,
): DependencyUnavailableException | undefined {
  if (error instanceof DependencyUnavailableException) return error;
  if (isEventStoreUnavailable(error)) {
    return new DependencyUnavailableException('event store', { cause: error });
  }
  return undefined;
}

/**
 * A Redis connection known to be down (ioredis is reconnecting, or gave up):
 * the request is refused at once rather than queued behind the reconnection
 * backoff, which would hold it for seconds before failing anyway.
 */
export const redisKnownDown = (redis: { status: string }): boolean =>
  redis.status === 'reconnecting' || redis.status === 'close' || redis.status === 'end';
