import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import type { Logger as Pino } from 'pino';
import { isLoggedPath, requestLineLevel, withActor } from './pino-params';

type RawWithId = IncomingMessage & { id?: unknown };

/**
 * One line a request, the one pino-http wrote before (ADR 0012, issue #15: who
 * read what), from Fastify hooks instead of pino-http's middleware run through
 * middie: per request one child logger (`reqId`, as pino-http's), bound for
 * every line logged while the request runs; the line's `req` binding is made
 * only when its level is enabled. pino-http made two children a request, the
 * second serialising the request whether or not a line was written (issue #16).
 *
 * `root` is nestjs-pino's root logger: pino-http's own (same serializers,
 * redaction and stream), built from `pinoParams`.
 */
export function registerRequestLog(fastify: FastifyInstance, logger: PinoLogger): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const raw = request.raw as RawWithId;
    // What pino-http's req serializer reads as the request's id.
    raw.id = request.id;
    const startedMs = Date.now();
    logger.runInContext(
      () => {
        const log = logger.logger as Pino;
        if (isLoggedPath(request.url)) {
          const res = reply.raw;
          // 'error' hands its error over, as it did to pino-http.
          const complete = (error?: Error) => {
            res.removeListener('close', complete);
            res.removeListener('finish', complete);
            res.removeListener('error', complete);
            writeRequestLine(log, raw, res, Date.now() - startedMs, error);
          };
          res.on('close', complete);
          res.on('finish', complete);
          res.on('error', complete);
        }
        done();
      },
      { bindings: { reqId: request.id } },
    );
  });
}

/** pino-http's `onResFinished`: the error is the response stream's, if it failed. */
function writeRequestLine(
  log: Pino,
  req: IncomingMessage,
  res: ServerResponse,
  responseTime: number,
  error: Error | undefined,
): void {
  const failed = error !== undefined || res.statusCode >= 500;
  const level = failed ? 'error' : requestLineLevel(res.statusCode);
  if (!log.isLevelEnabled(level)) return;
  const line = log.child({ req });
  if (failed) {
    const err = error ?? new Error(`failed with status code ${res.statusCode}`);
    line[level](withActor(req, { res, err, responseTime }), 'request errored');
  } else {
    line[level](withActor(req, { res, responseTime }), 'request completed');
  }
}
