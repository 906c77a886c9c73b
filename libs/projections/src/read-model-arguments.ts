import { isBusinessDate } from '@ledger/domain';
import { READ_MODEL_LIMITS } from './ledger-read-models';
import { canonicalInstant } from './read-model';

/**
 * Argument checks shared by every read-model store, so SQLite and Redis refuse
 * exactly the same queries with exactly the same messages.
 */
export function knownAtParameter(asKnownAt: string | undefined): string | null {
  if (asKnownAt === undefined) return null;
  if (Number.isNaN(Date.parse(asKnownAt))) {
    throw new RangeError(`asKnownAt must be an ISO-8601 instant, got ${asKnownAt}`);
  }
  return canonicalInstant(asKnownAt);
}

export function assertBusinessDate(name: string, value: string): void {
  if (!isBusinessDate(value))
    throw new RangeError(`${name} must be a date YYYY-MM-DD, got ${value}`);
}

export function assertNonNegativeInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
}

export function pageLimit(limit: number | undefined): number {
  const value = limit ?? READ_MODEL_LIMITS.pageSizeDefault;
  if (!Number.isSafeInteger(value) || value < 1 || value > READ_MODEL_LIMITS.pageSizeMax) {
    throw new RangeError(`limit must be an integer in 1..${READ_MODEL_LIMITS.pageSizeMax}`);
  }
  return value;
}
