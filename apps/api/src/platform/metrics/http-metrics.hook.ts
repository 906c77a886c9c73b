import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LedgerMetrics } from './ledger-metrics';

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The matched route's template (`/v1/persons/:personId/cap`), never the URL itself. */
export function routeOf(request: FastifyRequest): string {
  const url = request.routeOptions?.url;
  return typeof url === 'string' && url !== '' && !request.is404 ? url : 'unmatched';
}

/** The refused rule, noted by LedgerExceptionFilter from the domain error. */
export const REFUSED_RULE = 'ledgerRefusedRule';

/** Where the exception filter leaves the rule on the reply. */
export type ReplyWithRule = FastifyReply & { [REFUSED_RULE]?: string };

/**
 * Notes the rule of a refused command (a domain error carries `rule`, e.g.
 * R-SEAT-5) for the hook below to count once the response is sent. Called by
 * the exception filter: an interceptor did this before, at the cost of one
 * more rxjs layer on every request, GETs included (issue #16); the filter
 * sees the same errors and the guard's too, which carry no rule.
 */
export function noteRefusedRule(reply: ReplyWithRule, error: unknown): void {
  const rule = ruleOf(error);
  if (rule) reply[REFUSED_RULE] = rule;
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

/**
 * Counts and times every request once it is answered, whatever answered it
 * (guard, validation, filter, handler, body parser): an interceptor would miss the 401s.
 */
export function registerHttpMetrics(fastify: FastifyInstance, metrics: LedgerMetrics): void {
  fastify.addHook('onResponse', (request, reply: ReplyWithRule, done) => {
    const route = routeOf(request);
    if (route === '/metrics') return done();
    const labels = { method: request.method, route, status: String(reply.statusCode) };
    metrics.httpRequests.inc(labels);
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1e3);
    if (COMMAND_METHODS.has(request.method) && route !== 'unmatched') {
      const rule = reply[REFUSED_RULE];
      const outcome = rule ? 'refused' : reply.statusCode < 400 ? 'ok' : 'failed';
      metrics.commands.inc({ route, outcome });
      if (rule) metrics.refusals.inc({ rule, route });
    }
    done();
  });
}
