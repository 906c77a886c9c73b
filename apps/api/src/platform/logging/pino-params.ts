import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import type { Actor } from '../auth/actor';
import type { LedgerConfig } from '../config/ledger-config';
import { maskIdNumbers } from './redact';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const PROBES = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/**
 * A caller's `X-Request-Id` when it is sane, else a fresh one. Fastify's
 * `genReqId` (ledgerFastifyAdapter); registerRequestLog logs it as `reqId` and
 * `req.id`, and configureApp echoes it back.
 */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/** Probes and scrapes every few seconds would drown the request log. */
export const isLoggedPath = (url: string): boolean => !PROBES.has(url.split('?')[0]);

/** The request line's level: error for a 5xx, warn for a 4xx, else info. */
export const requestLineLevel = (statusCode: number): 'error' | 'warn' | 'info' =>
  statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';

/**
 * Who made the request, for the audit trail of reads (issue #15): the token's
 * subject masked where it is an ID number, the role, and the enterprise or
 * school an applicant acts for. Absent for anonymous requests.
 */
function actorOf(req: IncomingMessage): Record<string, string> | undefined {
  const actor = (req as IncomingMessage & { actor?: Actor }).actor;
  if (!actor) return undefined;
  const out: Record<string, string> = { id: maskIdNumbers(actor.actorId), role: actor.role };
  if (actor.enterpriseId) out.enterpriseId = maskIdNumbers(actor.enterpriseId);
  if (actor.schoolId) out.schoolId = maskIdNumbers(actor.schoolId);
  return out;
}

/** Adds the actor to the line logged once the response is sent (the guard has run by then). */
export function withActor(req: IncomingMessage, value: object): object {
  const actor = actorOf(req);
  return actor ? { ...value, actor } : value;
}

interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
}

/**
 * JSON logs, one line a request (written by `registerRequestLog` with this
 * logger). Serializers whitelist what is logged: no headers (the
 * `authorization` token), no bodies (ID numbers), and ID numbers in URLs
 * (`/v1/persons/:personId/cap`) masked.
 */
export function pinoParams(config: LedgerConfig, stream?: DestinationStream): Params {
  const options: Options = {
    level: config.logLevel,
    serializers: {
      req: (req: SerializedRequest) => ({
        id: req.id,
        method: req.method,
        url: maskIdNumbers(String(req.url ?? '')),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (err: Error) => ({
        type: err.name,
        message: maskIdNumbers(err.message ?? ''),
        stack: maskIdNumbers(err.stack ?? ''),
      }),
    },
    // Belt and braces should a serializer above ever be replaced.
    redact: {
      paths: [
        'req.headers',
        'req.body',
        'res.headers',
        'res.body',
        'body',
        'headers.authorization',
      ],
      remove: true,
    },
  };
  // No middleware: pino-http's builds the root logger (its serializers wrap
  // ours) and nestjs-pino logs through it, but the request line and the
  // request's context come from Fastify hooks (request-log.hook.ts).
  return { pinoHttp: stream ? [options, stream] : options, forRoutes: [] };
}
