import { FastifyAdapter } from '@nestjs/platform-fastify';
import { requestIdOf } from '../logging/pino-params';

/**
 * Longest route parameter the router takes. Fastify's default (100) answers
 * 414 before validation; the contract answers an over-long id with the
 * field's 400, as Express did. Node caps the whole request line anyway.
 */
const PARAM_CHARS_MAX = 16 * 1024;

/**
 * The HTTP adapter of the API (ADR 0023): Fastify, routing as Express did
 * (`/v1/x/` is `/v1/x`). The server's own logger stays off: nestjs-pino logs
 * one line a request.
 */
export function ledgerFastifyAdapter(): FastifyAdapter {
  return new FastifyAdapter({
    logger: false,
    genReqId: requestIdOf,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: PARAM_CHARS_MAX },
  });
}
