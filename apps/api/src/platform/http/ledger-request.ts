import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor';

/** The Fastify request as the platform leaves it for handlers. */
export type LedgerRequest = FastifyRequest & {
  /** Set by the auth guard from a verified token. */
  actor?: Actor;
  /** Set by the idempotency interceptor from the `Idempotency-Key` header (POST only). */
  idempotencyKey?: string;
};

/** The Fastify reply handlers and filters answer through. */
export type LedgerReply = FastifyReply;

/**
 * The actor on the request handlers see and on the Node request under it,
 * where the request line (request-log.hook.ts, from the raw request) reads it.
 */
export function setActor(request: LedgerRequest, actor: Actor | undefined): void {
  request.actor = actor;
  (request.raw as LedgerRequest['raw'] & { actor?: Actor }).actor = actor;
}
