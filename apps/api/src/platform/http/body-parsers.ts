import bodyParser from 'body-parser';
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LedgerConfig } from '../config/ledger-config';
import { verifyJsonBody } from './json-body-verify';

type Middleware = (
  req: IncomingMessage,
  res: ServerResponse,
  next: (err?: unknown) => void,
) => void;

/**
 * Runs a body-parser middleware as a Fastify content-type parser on the raw
 * request. body-parser is kept (rather than Fastify's own JSON parser) because
 * its behaviour is the contract the e2e suite pins: Content-Encoding
 * inflation (gzip, deflate, br), the charset check, the `verify` hook with the
 * hostile-JSON scan, the limit, and the error types `bodyParserErrorToHttp`
 * maps to 400/415. Its errors reach LedgerExceptionFilter through Nest's
 * Fastify error handler.
 */
function asContentTypeParser(middleware: Middleware) {
  return (
    request: { raw: IncomingMessage },
    _payload: unknown,
    done: (err: Error | null, body?: unknown) => void,
  ): void => {
    const raw = request.raw as IncomingMessage & { body?: unknown };
    middleware(raw, undefined as unknown as ServerResponse, (err?: unknown) => {
      if (err) done(err as Error);
      else done(null, raw.body);
    });
  };
}

/**
 * JSON (with the configured limit and the hostile-input checks) and, for bank
 * statements (issue #14), ISO 20022 XML as a string body. Any other content
 * type is left unread, no body, as Express did: validation then
 * names the missing fields (400) instead of Fastify's 415.
 */
export function registerBodyParsers(fastify: FastifyInstance, config: LedgerConfig): void {
  fastify.removeAllContentTypeParsers();
  // Nest leaves `verify` out of the option type; body-parser takes it.
  fastify.addContentTypeParser(
    'application/json',
    asContentTypeParser(
      bodyParser.json({ limit: config.bodyLimitBytes, verify: verifyJsonBody }) as Middleware,
    ),
  );
  fastify.addContentTypeParser(
    ['application/xml', 'text/xml'],
    asContentTypeParser(
      bodyParser.text({
        type: ['application/xml', 'text/xml'],
        limit: config.bodyLimitBytes,
      }) as Middleware,
    ),
  );
  // Not read at all (Node discards it once the answer is sent), as Express left it.
  fastify.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
}
