import type { AppendScope } from '@ledger/event-store/append-scope';

/**
 * Where `Idempotency-Key` answers are kept. A key is scoped to the actor and
 * what it acts as (`idempotencyScopeOf`): two actors, or one login acting for
 * two enterprises, may use the same key without seeing each other's answers.
 * Async so that a shared store (Redis) fits behind the same port.
 */
export const IDEMPOTENCY_STORE = Symbol('IDEMPOTENCY_STORE');

export const KEY_MISMATCH = 'Idempotency-Key was already used with another request body';
/** The 409 of a key whose command wrote (or, scale-out, may have written) but never answered. */
export const KEY_UNANSWERED =
  'A request with this Idempotency-Key already wrote to the ledger, but its answer was not recorded (the ledger stopped or failed before answering); it is not run again: read its result instead of retrying';

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
  | { outcome: 'in_progress' }
  /**
   * A request with this key and body wrote to the ledger but its answer was
   * never recorded (its process died, or it failed after writing): it must not
   * run again, and there is no answer to replay (ADR 0011).
   */
  | { outcome: 'unanswered' };

export interface IdempotencyKeyRef {
  scope: string;
  key: string;
  claimId: string;
}

export interface IdempotencyStore {
  claim(request: IdempotencyClaimRequest): Promise<IdempotencyClaim>;
  /**
   * Run the command inside this: it ties the key to the command's own writes
   * (ADR 0011), so that a crash between the writes and `complete` can never let
   * the key run the command again.
   */
  appendScope(ref: IdempotencyKeyRef, fingerprint: string): AppendScope;
  /** Stores the answer; later claims with the same fingerprint replay it. */
  complete(ref: IdempotencyKeyRef, response: StoredResponse): Promise<void>;
  /**
   * The command failed. Frees the key for a retry when the command wrote
   * nothing; a key whose command wrote something stays taken (`unanswered`).
   */
  release(ref: IdempotencyKeyRef): Promise<void>;
}
