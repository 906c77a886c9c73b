import { withUpcasting } from '@ledger/application';
import Redis from 'ioredis';
import pino from 'pino';
import { EventStoreDbEventStore } from '@ledger/event-store/eventstoredb/eventstoredb-event-store';
import { RedisReadModels } from '@ledger/projections/redis/redis-read-models';
import {
  LedgerConfigError,
  loadProjectorConfig,
} from '../../api/src/platform/config/ledger-config';
import { Projector } from './projector';
import { ProjectorMetrics, startProjectorMetricsServer } from './projector-metrics';
import { RedisLease } from './redis-lease';
import { ShutdownDeadline } from './shutdown-deadline';

/** How long a shutdown may take after SIGTERM or SIGINT before the process exits anyway. */
const SHUTDOWN_MS_MAX = 15_000;

/**
 * `npm run start:projector`: the scale-out read-model writer. Reads
 * LEDGER_EVENTSTORE_URL (esdb://…), LEDGER_REDIS_URL (redis://…),
 * LEDGER_PROJECTOR_LEASE_MS and LOG_LEVEL through the one loader.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadProjectorConfig();
  } catch (error) {
    if (!(error instanceof LedgerConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(2);
  }
  const { eventStoreUrl: esdbUrl, redisUrl, leaseMs } = config;
  const log = pino({ level: config.logLevel, base: { app: 'projector' } });
  const store = withUpcasting(EventStoreDbEventStore.connect(esdbUrl));
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3, enableOfflineQueue: true });
  const readModels = new RedisReadModels(redis);
  const lease = new RedisLease(redis, 'ledger:projector:lease', leaseMs);
  const projector = new Projector(store, readModels, lease, {
    info: (msg, data) => log.info(data ?? {}, msg),
    warn: (msg, data) => log.warn(data ?? {}, msg),
  });
  const metrics = new ProjectorMetrics({
    headPosition: () => store.headPosition(),
    checkpoint: () => readModels.checkpoint(),
    applied: () => projector.applied,
  });
  const served = await startProjectorMetricsServer(metrics, config.metricsPort);
  log.info({ port: served.port }, 'metrics on /metrics');
  const deadline = new ShutdownDeadline(SHUTDOWN_MS_MAX, (step) => {
    log.error({ step, msMax: SHUTDOWN_MS_MAX }, 'shutdown did not finish; exiting');
    process.exit(1);
  });
  const shutdown = async () => {
    log.info('stopping');
    deadline.arm();
    deadline.step('stopping the projector');
    await projector.stop();
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
  const progress = setInterval(() => {
    void readModels
      .checkpoint()
      .then((position) => log.info({ position, applied: projector.applied }, 'progress'));
  }, 10_000);
  progress.unref();
  process.stdout.write('projector started\n');
  await projector.run();
  clearInterval(progress);
  served.server.close();
  deadline.step('closing the event store');
  await store.close();
  redis.disconnect();
  // Still armed: were an open handle to keep the process alive, the deadline ends it.
  deadline.step('closed; an open handle kept the process running');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
