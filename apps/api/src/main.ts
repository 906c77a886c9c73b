import { AddressInfo } from 'node:net';
import { createApp } from './bootstrap';
import { LEDGER_CONFIG, LedgerConfig, LedgerConfigError } from './platform/config/ledger-config';

async function main(): Promise<void> {
  const app = await createApp();
  app.enableShutdownHooks();
  const config = app.get<LedgerConfig>(LEDGER_CONFIG);
  await app.listen(config.port);
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(
    `Datong subsidy ledger listening on http://localhost:${port} (data: ${config.dataDir})\n`,
  );
}

main().catch((error: unknown) => {
  console.error(
    error instanceof LedgerConfigError ? `Configuration error: ${error.message}` : error,
  );
  process.exit(1);
});
