/**
 * Where the first answer to an idempotent POST is kept. A key is scoped to the
 * actor (`sub`): two actors may use the same key without seeing each other's
 * answers. Async so that a shared store (Redis) fits behind the same port.
 */
export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');

export interface IdempotencyClaimRequest {
  scope: string;
  key: string;
  /** sha256 of method, path and canonical body. */
  fingerprint: string;
  /** A claim not completed within this time is considered abandoned (crashed process). */
  leaseMs: number;
}

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

export type IdempotencyClaim =
  /** The caller owns the key now and must `complete` or `release` it with `claimId`. */
  | { outcome: 'claimed'; claimId: string }
  | ({ outcome: 'replay' } & StoredResponse)
  /** The key was used with another request. */
  | { outcome: 'mismatch' }
  /** Another request with this key and body is still running. */
  | { outcome: 'in_progress' };

export interface IdempotencyKeyRef {
  scope: string;
  key: string;
  claimId: string;
}

export interface IdempotencyStore {
  claim(request: IdempotencyClaimRequest): Promise<IdempotencyClaim>;
  /** Stores the answer; later claims with the same fingerprint replay it. */
  complete(ref: IdempotencyKeyRef, response: StoredResponse): Promise<void>;
  /** Forgets an unfinished claim (the command failed), so the key may be retried. */
  release(ref: IdempotencyKeyRef): Promise<void>;
}
