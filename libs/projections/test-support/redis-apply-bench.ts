/**
 * How many events per second the Redis read models sustain into a private
 * local redis-server (AOF on), for the seat-subsidy story told again and again
 * with fresh ids and positions:
 *
 *   npx tsx libs/projections/test-support/redis-apply-bench.ts [rounds=200]
 *
 * Three ways of feeding: `applyEvents` in pages of 1,000 (catch-up, rebuild),
 * `applyEvent` one at a time (the projector's subscription) with the document
 * cache, and the same with no cache (a read and a script per event).
 */
import Redis from 'ioredis';
import { RedisReadModels, RedisReadModelsOptions } from '../src/redis/redis-read-models';
import { longStory } from './long-story';
import { startRedisServer } from './redis-server';

interface Mode {
  name: string;
  options: RedisReadModelsOptions;
  run(readModels: RedisReadModels, events: ReturnType<typeof longStory>): Promise<void>;
}

const MODES: Mode[] = [
  {
    name: 'applyEvents, pages of 1000',
    options: {},
    async run(readModels, events) {
      let after = 0;
      for (let i = 0; i < events.length; i += 1_000) {
        const page = events.slice(i, i + 1_000);
        await readModels.applyEvents(page, { afterPosition: after });
        after = page[page.length - 1].position;
      }
    },
  },
  {
    name: 'applyEvent, one at a time (cache)',
    options: {},
    async run(readModels, events) {
      for (const event of events) await readModels.applyEvent(event);
    },
  },
  {
    name: 'applyEvent, one at a time (no cache)',
    options: { documentCacheSize: 0 },
    async run(readModels, events) {
      for (const event of events) await readModels.applyEvent(event);
    },
  },
];

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 200);
  const events = longStory(rounds);
  const results: Record<string, unknown>[] = [];
  for (const appendfsync of ['everysec', 'always'] as const) {
    const server = await startRedisServer({ appendonly: true, appendfsync });
    const redis = new Redis(server.url);
    try {
      for (const [n, mode] of MODES.entries()) {
        const keyPrefix = `bench${n}:`;
        const readModels = new RedisReadModels(redis, { keyPrefix, ...mode.options });
        const started = process.hrtime.bigint();
        await mode.run(readModels, events);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        if ((await readModels.checkpoint()) !== events[events.length - 1].position) {
          throw new Error(`${mode.name}: not every event was applied`);
        }
        const result = {
          appendfsync,
          mode: mode.name,
          events: events.length,
          seconds: Number(seconds.toFixed(2)),
          eventsPerSecond: Math.round(events.length / seconds),
        };
        results.push(result);
        console.log(JSON.stringify(result));
      }
      const memory = await redis.info('memory');
      const used = /used_memory:(\d+)/.exec(memory)?.[1];
      console.log(
        JSON.stringify({
          appendfsync,
          usedMemoryBytesPerEvent: Math.round(Number(used) / (events.length * MODES.length)),
        }),
      );
    } finally {
      redis.disconnect();
      await server.dispose();
    }
  }
  console.log('\n| appendfsync | mode | events | s | events/s |\n|---|---|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${String(r['appendfsync'])} | ${String(r['mode'])} | ${String(r['events'])} | ${String(r['seconds'])} | ${String(r['eventsPerSecond'])} |`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
