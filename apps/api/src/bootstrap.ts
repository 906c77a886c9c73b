import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { loadLedgerConfig } from './platform/config/ledger-config';
import { configureApp } from './platform/configure-app';
import { mountConsole } from './platform/console/console-static';
import { ledgerFastifyAdapter } from './platform/http/fastify-adapter';
import { PlatformModuleOptions } from './platform/platform.module';

export { configureApp };
export type CreateAppOptions = PlatformModuleOptions;

/**
 * Builds and configures the API without listening: `main.ts` listens on
 * `config.port`, tests on port 0.
 *
 *   const app = await createApp({ env: { LEDGER_DATA_DIR: dir, LOG_LEVEL: 'silent' } });
 *   await app.listen(0, '127.0.0.1');
 *   const config = app.get<LedgerConfig>(LEDGER_CONFIG);
 */
export async function createApp(options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const config = options.config ?? loadLedgerConfig(options.env);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot({ ...options, config }),
    ledgerFastifyAdapter(),
    { bufferLogs: true, bodyParser: false, abortOnError: false },
  );
  configureApp(app, config);
  mountConsole(app);
  return app;
}
