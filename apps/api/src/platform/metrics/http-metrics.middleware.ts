import type { NextFunction, Request, Response } from 'express';
import { LedgerMetrics } from './ledger-metrics';

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The matched route's template (`/v1/persons/:personId/cap`), never the URL itself. */
export function routeOf(req: Request): string {
  const route = (req as Request & { route?: { path?: unknown } }).route;
  return typeof route?.path === 'string' ? `${req.baseUrl}${route.path}` : 'unmatched';
}

/** The refused rule, set by MetricsInterceptor from the domain error. */
export const REFUSED_RULE = 'ledgerRefusedRule';

/**
 * Counts and times every request once it is answered, whatever answered it
 * (guard, validation, filter, handler): an interceptor would miss the 401s.
 */
export function httpMetrics(metrics: LedgerMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = process.hrtime.bigint();
    res.once('finish', () => {
      if (req.path === '/metrics') return;
      const labels = { method: req.method, route: routeOf(req), status: String(res.statusCode) };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - stop) / 1e9);
      if (!COMMAND_METHODS.has(req.method) || labels.route === 'unmatched') return;
      const rule = res.locals[REFUSED_RULE] as string | undefined;
      const outcome = rule ? 'refused' : res.statusCode < 400 ? 'ok' : 'failed';
      metrics.commands.inc({ route: labels.route, outcome });
      if (rule) metrics.refusals.inc({ rule, route: labels.route });
    });
    next();
  };
}
