import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LedgerMetrics } from './ledger-metrics';

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The matched route's template (`/v1/persons/:personId/cap`), never the URL itself. */
export function routeOf(request: FastifyRequest): string {
  const url = request.routeOptions?.url;
  return typeof url === 'string' && url !== '' && !request.is404 ? url : 'unmatched';
}

/** The refused rule, set by MetricsInterceptor from the domain error. */
export const REFUSED_RULE = 'ledgerRefusedRule';

/** Where MetricsInterceptor leaves the rule on the reply. */
export type ReplyWithRule = FastifyReply & { [REFUSED_RULE]?: string };

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
