import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable, catchError, throwError } from 'rxjs';
import { REFUSED_RULE, type ReplyWithRule } from './http-metrics.hook';

/**
 * Notes the rule of a refused command (a domain error carries `rule`, e.g.
 * R-SEAT-5) for `httpMetrics` to count once the response is sent.
 */
@Injectable()
export class MetricsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => {
        const rule = ruleOf(error);
        if (rule) context.switchToHttp().getResponse<ReplyWithRule>()[REFUSED_RULE] = rule;
        return throwError(() => error);
      }),
    );
  }
}

function ruleOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const direct = (error as { rule?: unknown }).rule;
  if (typeof direct === 'string') return direct;
  // An HttpException built with `{ rule }` in its response body.
  const response = (error as { getResponse?: () => unknown }).getResponse?.();
  const nested = (response as { rule?: unknown } | undefined)?.rule;
  return typeof nested === 'string' ? nested : undefined;
}
