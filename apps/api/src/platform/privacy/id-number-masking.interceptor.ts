import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { FULL_ID_ROLES, maskResidentIds } from '@ledger/audit/mask';
import { map, Observable } from 'rxjs';
import type { LedgerRequest } from '../http/ledger-request';

/**
 * RULES.md "Identity": a person's ID number is never shown in full outside
 * the reviewer and supervisor roles, and free text on a public notice shows
 * every ID number masked. Handlers already drop `personId` for other roles;
 * this is the one place that also catches a number typed into free text (an
 * objection, a reason, a note) or used as a login (an actor id), for every
 * answer to everyone else: the public without a token, applicants, finance
 * and auditors. Registered first, so an answer stored for an idempotent
 * replay is stored whole and masked again for whoever replays it.
 */
@Injectable()
export class IdNumberMaskingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const role = context.switchToHttp().getRequest<LedgerRequest>().actor?.role;
    if (role !== undefined && FULL_ID_ROLES.has(role)) return next.handle();
    return next.handle().pipe(map((body: unknown) => maskResidentIds(body)));
  }
}
