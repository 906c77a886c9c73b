import { createHash } from 'node:crypto';
import type { Actor } from '../auth/actor';

/** Scope of keys sent without a token (public routes). */
export const ANONYMOUS_SCOPE = 'anonymous';

/**
 * Whose keys these are: the actor *and* what it acts as (role, enterprise,
 * school), so the same login acting for another enterprise or school, or in
 * another role, never sees an answer given to the first (issue #12, ADR 0011).
 * Every part of what the ownership checks in the handlers look at is in here,
 * and the rest of the request is in the fingerprint: a replay is only ever
 * handed to a request that would pass them again. Hashed, because an actor id
 * may be an ID number and the scope is stored and, on EventStoreDB, named.
 */
export function idempotencyScopeOf(actor: Actor | undefined): string {
  if (actor === undefined) return ANONYMOUS_SCOPE;
  const identity = JSON.stringify([
    actor.actorId,
    actor.role,
    actor.enterpriseId ?? null,
    actor.schoolId ?? null,
  ]);
  return `actor:${createHash('sha256').update(identity).digest('hex')}`;
}
