import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { LedgerConfig, loadLedgerConfig } from './platform/config/ledger-config';
import { translateBodyParserErrors } from './platform/http/body-parser-errors';
import { setupOpenApi } from './platform/openapi/openapi';
import { PlatformModuleOptions } from './platform/platform.module';

export type CreateAppOptions = PlatformModuleOptions;

/**
 * Builds and configures the API without listening: `main.ts` listens on
 * `config.port`, tests on port 0.
 *
 *   const app = await createApp({ env: { LEDGER_DATA_DIR: dir, LOG_LEVEL: 'silent' } });
 *   await app.listen(0, '127.0.0.1');
 */
export async function createApp(options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const config = options.config ?? loadLedgerConfig(options.env);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ ...options, config }),
    { bufferLogs: true, bodyParser: false, abortOnError: false },
  );
  configureApp(app, config);
  return app;
}

/** What every app (the API, a test app around PlatformModule) gets before listening. */
export function configureApp(app: NestExpressApplication, config: LedgerConfig): void {
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.disable('x-powered-by');
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  app.use(translateBodyParserErrors(config.bodyLimit));
  setupOpenApi(app);
  for (const warning of config.warnings) logger.warn(warning, 'LedgerConfig');
}
