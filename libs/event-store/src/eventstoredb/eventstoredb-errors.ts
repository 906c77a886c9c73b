import { ErrorType } from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../event-store.port';
import { bigintToSafeNumber } from './eventstoredb-events';

/** How the client's errors read through the port: which may be retried, which are answers. */

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/** UNAVAILABLE as the client reports it: a typed UnavailableError, or a raw gRPC error with code 14. */
export function isUnavailableError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { type, code } = err as { type?: unknown; code?: unknown };
  return type === ErrorType.UNAVAILABLE || code === GRPC_UNAVAILABLE;
}

/** No answer within the call's deadline: a server that hangs, or a network that drops packets. */
export function isDeadlineExceeded(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const { type, code } = err as { type?: unknown; code?: unknown };
  return type === ErrorType.DEADLINE_EXCEEDED || code === GRPC_DEADLINE_EXCEEDED;
}

/**
 * The error the port reports for an outage (UNAVAILABLE once the retries are
 * spent, or DEADLINE_EXCEEDED), keeping the original as `cause`; any other
 * error unchanged.
 */
export function asOutage(err: unknown): unknown {
  if (err instanceof EventStoreUnavailableError) return err;
  if (isUnavailableError(err))
    return new EventStoreUnavailableError(GRPC_UNAVAILABLE, { cause: err });
  if (isDeadlineExceeded(err)) {
    return new EventStoreUnavailableError(GRPC_DEADLINE_EXCEEDED, { cause: err });
  }
  return err;
}

export function isWrongExpectedVersion(
  err: unknown,
): err is { actualVersion: bigint | 'no_stream' } {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as { type?: unknown }).type === ErrorType.WRONG_EXPECTED_VERSION
  );
}

export function isStreamNotFound(err: unknown): boolean {
  return (
    typeof err === 'object' &&
    err !== null &&
    (err as { type?: unknown }).type === ErrorType.STREAM_NOT_FOUND
  );
}

/** The revision a WrongExpectedVersion reports, as the port's ConcurrencyError states it. */
export function toActualRevision(actual: bigint | 'no_stream' | undefined): number | 'no_stream' {
  if (actual === undefined || actual === 'no_stream' || actual < 0n) return 'no_stream';
  return bigintToSafeNumber(actual, 'revision');
}
