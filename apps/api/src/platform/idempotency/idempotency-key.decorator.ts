import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { LedgerRequest } from '../http/ledger-request';

/**
 * The request's `Idempotency-Key` (POST only, validated), or undefined. Put it in
 * the event metadata (`metadata.idempotencyKey`) so the store can refuse a
 * second write even if the stored answer were lost.
 */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined =>
    context.switchToHttp().getRequest<LedgerRequest>().idempotencyKey,
);
