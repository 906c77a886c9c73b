import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger, PARAMS_PROVIDER_TOKEN, Params, PinoLogger } from 'nestjs-pino';
import { LedgerConfig } from './config/ledger-config';
import { registerBodyParsers } from './http/body-parsers';
import { registerRequestLog } from './logging/request-log.hook';
import { registerHttpMetrics } from './metrics/http-metrics.hook';
import { LedgerMetrics } from './metrics/ledger-metrics';
import { setupOpenApi } from './openapi/openapi';

/**
 * What every app around PlatformModule gets before it listens: the pino logger,
 * request metrics, the JSON body parser with the configured limit, OpenAPI. The app must be
 * created with `ledgerFastifyAdapter()` and `{ bodyParser: false, bufferLogs: true }`.
 */
export function configureApp(app: NestFastifyApplication, config: LedgerConfig): void {
  const logger = app.get(Logger);
  app.useLogger(logger);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    done();
  });
  registerRequestLog(fastify, new PinoLogger(app.get<Params>(PARAMS_PROVIDER_TOKEN)));
  registerHttpMetrics(fastify, app.get(LedgerMetrics));
  registerBodyParsers(fastify, config);
  setupOpenApi(app);
  for (const warning of config.warnings) logger.warn(warning, 'LedgerConfig');
}
