import { AddressInfo } from 'node:net';
import {
  assertLogReachesAnchor,
  LogAnchorError,
} from '@ledger/event-store/sqlite/sqlite-log-anchor';
import { createApp } from './bootstrap';
import { isClusterPrimary, superviseWorkers } from './cluster';
import { LedgerConfigError, loadLedgerConfig } from './platform/config/ledger-config';

async function main(): Promise<void> {
  const config = loadLedgerConfig();
  // Issue #12: a log shorter than its anchor is never served; checked before
  // anything opens the file, so the refusal is one line and the file untouched.
  if (!config.eventStoreUrl) assertLogReachesAnchor(config.sqliteFile, config.anchorDir);
  if (config.workers > 1 && isClusterPrimary()) {
    superviseWorkers(config.workers);
    return;
  }
  const app = await createApp({ config });
  app.enableShutdownHooks();
  // Every interface, as Express's listen(port) did (Fastify's default is localhost only).
  await app.listen(config.port, '0.0.0.0');
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(
    `Datong subsidy ledger listening on http://localhost:${port} (data: ${config.dataDir})\n`,
  );
}

main().catch((error: unknown) => {
  console.error(
    error instanceof LedgerConfigError
      ? `Configuration error: ${error.message}`
      : error instanceof LogAnchorError
        ? `Refusing to start: ${error.message}`
        : error,
  );
  process.exit(1);
});
