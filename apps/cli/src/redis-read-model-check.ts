import { EventStore } from '@ledger/event-store/event-store.port';
import {
  dumpRedisReadModels,
  rebuildRedisReadModels,
} from '@ledger/projections/redis/rebuild-redis';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';

export interface RedisComparison {
  ok: boolean;
  compared: boolean;
  rowsCompared?: number;
  differences?: number;
  firstDifference?: string;
  note?: string;
}

const CATCH_UP_WAIT_MS = 30_000;

/**
 * Scale-out `verify`: replays every event into a fresh set of Redis read
 * models under a temporary key prefix and compares them with the live ones
 * (`ledger:`), then removes the replay. The live models must first reach the
 * replay's checkpoint (the projector keeps writing while this runs). Unlike
 * the streaming SQLite check, both dumps are held in memory: the cost grows
 * with the size of the read models, not with the number of events.
 */
export async function compareRedisReadModels(
  redisUrl: string,
  store: EventStore,
): Promise<RedisComparison> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  const prefix = `verify-${randomUUID()}:`;
  try {
    const rebuilt = await rebuildRedisReadModels(
      redis,
      (afterPosition, maxCount) => store.readAll({ afterPosition, maxCount }),
      { keyPrefix: prefix },
    );
    const deadline = Date.now() + CATCH_UP_WAIT_MS;
    while (Number((await redis.get('ledger:checkpoint')) ?? 0) < rebuilt.position) {
      if (Date.now() > deadline) {
        return {
          ok: false,
          compared: false,
          note: `the live read models did not reach position ${rebuilt.position} in 30 s: is the projector running?`,
        };
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const live = await dumpRedisReadModels(redis, 'ledger:');
    const replay = await dumpRedisReadModels(redis, prefix);
    let rows = 0;
    let differences = 0;
    let firstDifference: string | undefined;
    for (const table of new Set([...Object.keys(live), ...Object.keys(replay)])) {
      if (table === 'projection_checkpoint') continue; // the live models may be ahead of the replay
      const a = (live[table] ?? []).map((r) => JSON.stringify(r));
      const b = (replay[table] ?? []).map((r) => JSON.stringify(r));
      rows += Math.max(a.length, b.length);
      const inReplay = new Set(b);
      const inLive = new Set(a);
      const missing =
        a.filter((r) => !inReplay.has(r)).length + b.filter((r) => !inLive.has(r)).length;
      if (missing > 0 && firstDifference === undefined) firstDifference = table;
      differences += missing;
    }
    return {
      ok: differences === 0,
      compared: true,
      rowsCompared: rows,
      differences,
      firstDifference,
    };
  } finally {
    await removeKeys(redis, prefix).catch(() => undefined);
    redis.disconnect();
  }
}

async function removeKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
