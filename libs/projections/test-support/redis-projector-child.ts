/**
 * A projector process for the kill test: feeds `longStory(times)` into the
 * Redis read models from their checkpoint, as a catch-up subscription would,
 * until it is killed (or done).
 *
 *   tsx redis-projector-child.ts <redis url> <key prefix> <times> <pages|single>
 */
import Redis from 'ioredis';
import { RedisReadModels } from '../src/redis/redis-read-models';
import { longStory, readAllOf } from './long-story';

async function main(): Promise<void> {
  const [url, keyPrefix, times, mode] = process.argv.slice(2);
  const redis = new Redis(url);
  const readModels = new RedisReadModels(redis, { keyPrefix });
  const readAll = readAllOf(longStory(Number(times)));
  let after = await readModels.checkpoint();
  process.stdout.write(`ready ${after}\n`);
  for (;;) {
    const page = await readAll(after, 50);
    if (page.length === 0) break;
    if (mode === 'single') {
      for (const event of page) await readModels.applyEvent(event);
    } else {
      await readModels.applyEvents(page, { afterPosition: after });
    }
    after = page[page.length - 1].position;
  }
  process.stdout.write(`done ${after}\n`);
  redis.disconnect();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
