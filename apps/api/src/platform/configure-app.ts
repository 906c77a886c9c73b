import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { LedgerConfig } from './config/ledger-config';
import { translateBodyParserErrors } from './http/body-parser-errors';
import { verifyJsonBody } from './http/json-body-verify';
import { httpMetrics } from './metrics/http-metrics.middleware';
import { LedgerMetrics } from './metrics/ledger-metrics';
import { setupOpenApi } from './openapi/openapi';

/**
 * What every app around PlatformModule gets before it listens: the pino logger,
 * request metrics, the JSON body parser with the configured limit, OpenAPI. The app must be
 * created with `{ bodyParser: false, bufferLogs: true }`.
 */
export function configureApp(app: NestExpressApplication, config: LedgerConfig): void {
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.disable('x-powered-by');
  app.use(httpMetrics(app.get(LedgerMetrics)));
  // Nest leaves `verify` out of the option type (it uses it for rawBody, which is off here).
  app.useBodyParser('json', { limit: config.bodyLimitBytes, verify: verifyJsonBody } as {
    limit: number;
  });
  // Bank statements arrive as ISO 20022 XML (issue #14): a string body, same limit.
  app.useBodyParser('text', {
    type: ['application/xml', 'text/xml'],
    limit: config.bodyLimitBytes,
  });
  app.use(translateBodyParserErrors(config.bodyLimit));
  setupOpenApi(app);
  for (const warning of config.warnings) logger.warn(warning, 'LedgerConfig');
}
