import { withUpcasting } from '@ledger/application';
import Redis from 'ioredis';
import pino from 'pino';
import { EventStoreDbEventStore } from '@ledger/event-store/eventstoredb/eventstoredb-event-store';
import { RedisReadModels } from '@ledger/projections/redis/redis-read-models';
import { Projector } from './projector';
import { RedisLease } from './redis-lease';

/**
 * `npm run start:projector`: the scale-out read-model writer. Reads
 * LEDGER_EVENTSTORE_URL (esdb://…) and LEDGER_REDIS_URL (redis://…).
 */
async function main(): Promise<void> {
  const log = pino({ level: process.env.LOG_LEVEL ?? 'info', base: { app: 'projector' } });
  const esdbUrl = process.env.LEDGER_EVENTSTORE_URL?.trim();
  const redisUrl = process.env.LEDGER_REDIS_URL?.trim();
  if (!esdbUrl || !redisUrl) {
    console.error('the projector needs LEDGER_EVENTSTORE_URL and LEDGER_REDIS_URL');
    process.exit(2);
  }
  const leaseMs = Number(process.env.LEDGER_PROJECTOR_LEASE_MS ?? 10_000);
  const store = withUpcasting(EventStoreDbEventStore.connect(esdbUrl));
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3, enableOfflineQueue: true });
  const readModels = new RedisReadModels(redis);
  const lease = new RedisLease(redis, 'ledger:projector:lease', leaseMs);
  const projector = new Projector(store, readModels, lease, {
    info: (msg, data) => log.info(data ?? {}, msg),
    warn: (msg, data) => log.warn(data ?? {}, msg),
  });
  const shutdown = async () => {
    log.info('stopping');
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
  await store.close();
  redis.disconnect();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
