import type { Request } from 'express';
import type { Actor } from '../auth/actor';

/** The Express request as the platform leaves it for handlers. */
export type LedgerRequest = Request & {
  /** Set by the auth guard from a verified token. */
  actor?: Actor;
  /** Set by the idempotency interceptor from the `Idempotency-Key` header (POST only). */
  idempotencyKey?: string;
};
