import { EventMetadata } from '@ledger/event-store/event-store.port';

/**
 * Who is acting and when. The clock and ids enter here, from outside the
 * domain, so that a replay of the same commands decides the same way.
 */
export interface CommandContext {
  actorId: string;
  role: string;
  /** ISO-8601 UTC time the ledger received the command. */
  recordedAt: string;
  /** Correlates every event the command writes, across streams and processes. */
  correlationId: string;
  idempotencyKey?: string;
}

export function metadataFor(
  ctx: CommandContext,
  businessDate: string,
  policyVersion?: string,
  causationId?: string,
): EventMetadata {
  const m: EventMetadata = {
    actor: ctx.actorId,
    role: ctx.role,
    businessDate,
    recordedAt: ctx.recordedAt,
    correlationId: ctx.correlationId,
  };
  if (policyVersion) m.policyVersion = policyVersion;
  if (causationId) m.causationId = causationId;
  if (ctx.idempotencyKey) m.idempotencyKey = ctx.idempotencyKey;
  return m;
}
