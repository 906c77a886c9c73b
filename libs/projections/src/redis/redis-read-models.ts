import type Redis from 'ioredis';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { LEDGER_PROJECTIONS } from '../projections';
import { LedgerReadModelQueries } from '../queries/ledger-read-model.queries';
import { Projection } from '../read-model';
import { RedisReadModelFetcher } from './redis-read-model.fetcher';
import {
  ApplyEventsResult,
  ApplyStatus,
  REDIS_READ_MODEL_LIMITS,
  RedisReadModelWriter,
} from './redis-read-model.writer';
import {
  parseCheckpoint,
  projectionsSignature,
  REDIS_DEFAULT_KEY_PREFIX,
  RedisKeys,
} from './redis-layout';

export { APPLY_EVENT_SCRIPT } from './redis-apply.script';
export {
  RedisReadModelsGapError,
  RedisReadModelsRebuildingError,
  RedisReadModelsVersionError,
} from './redis-read-model.errors';
export { REDIS_READ_MODEL_LIMITS } from './redis-read-model.writer';
export type { ApplyEventsResult, ApplyStatus } from './redis-read-model.writer';
export { projectionsSignature } from './redis-layout';

/*
 * Redis read models: the same pure projections as the embedded store, kept in
 * Redis (data layout: see `redis-layout.ts`), fed by one projector subscription.
 *
 * ## One event, one script: applied exactly once, with its checkpoint
 *
 * Each event is written by ONE execution of `APPLY_EVENT_SCRIPT` (EVALSHA, EVAL
 * fallback on NOSCRIPT): it skips the event when `position <= checkpoint`,
 * refuses it when the checkpoint is not the one its operations were computed
 * against, and otherwise writes every operation and `checkpoint = position`.
 * A script runs atomically and the AOF logs its effects as one MULTI/EXEC, so
 * after a crash (`appendfsync always`: nothing acknowledged is lost) either all
 * of an event is there with its checkpoint or none of it.
 *
 * Documents must be read to be evolved, and the read happens before the script.
 * We chose an optimistic guard over WATCH/MULTI/EXEC:
 * - WATCH is per connection. A projector shares one multiplexed ioredis client
 *   (and ioredis re-sends unanswered commands after a reconnect); WATCH needs a
 *   dedicated connection per writer and a round trip more per event.
 * - Every change to the read models goes through the script and moves the
 *   checkpoint, and every writer applies the same events through the same
 *   projections (their `name.vN` list is checked by the script too). So "the
 *   checkpoint is still C" means "the documents are still what they were at C",
 *   and the state at a checkpoint is a function of the events up to it.
 *   The guard `checkpoint == expected` is therefore a compare-and-set on the
 *   whole read model, checked inside the script that writes.
 * - That lets a batch be pipelined: read the checkpoint and every document the
 *   batch touches in one MULTI, compute every event's operations in memory,
 *   then send one script per event, each expecting the previous event's
 *   position. One round trip per batch; still one atomic step per event.
 *   When another writer got there first, its events come back "skipped"
 *   (position <= checkpoint) or "conflict" (checkpoint moved elsewhere): we
 *   re-read and carry on from there. Two projectors applying the same events
 *   concurrently thus apply each event exactly once between them and the
 *   checkpoint only moves forward.
 * - The documents read are cached (LRU) at the checkpoint this instance last
 *   wrote: a lone projector's next event usually needs no read at all, and if
 *   someone else wrote meanwhile the guard fails and we read again.
 *
 * ## What the caller promises
 *
 * Positions may have gaps, so the store cannot tell a missing event from a gap.
 * `applyEvents` takes its events as a run of the feed, in order (a page of
 * `readAll`, or a subscription's events): give `afterPosition` (where the run
 * starts) and a run whose predecessor has not been applied yet is refused
 * (`RedisReadModelsGapError`) instead of skipping events. `applyEvent` without
 * `afterPosition` trusts the caller to feed events in order.
 *
 * ## Rebuild
 *
 * `rebuildRedisReadModels` sets a fence key first: while it is there any other
 * writer's script is refused (`RedisReadModelsRebuildingError`) so nothing is
 * written on top of a half-deleted model; see rebuild-redis.ts.
 */

export interface RedisReadModelsOptions {
  /** Default `ledger:`. Never empty. */
  keyPrefix?: string;
  projections?: readonly Projection[];
  /** Events per round trip in `applyEvents` (default 256). */
  batchSize?: number;
  /** Documents cached between events (LRU, default 10,000; 0 disables). */
  documentCacheSize?: number;
  /** Only for `rebuildRedisReadModels`: the token of the fence it holds. */
  rebuildToken?: string;
}

export interface ApplyEventsOptions {
  /**
   * The position of the event just before the first one (0 for the start of
   * the log): when given and the checkpoint is below it, the run is refused.
   */
  afterPosition?: number;
}

/**
 * The ledger's read models in Redis; see the comment above for how each event
 * is applied exactly once, and `redis-layout.ts` for the keys. The queries are
 * those of every store (`LedgerReadModelQueries`) over `RedisReadModelFetcher`.
 */
export class RedisReadModels extends LedgerReadModelQueries {
  readonly keyPrefix: string;
  private readonly keys: RedisKeys;
  private readonly signature: string;
  private readonly writer: RedisReadModelWriter;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    options: RedisReadModelsOptions = {},
  ) {
    const keys = new RedisKeys(keyPrefixOf(redis, options));
    super(new RedisReadModelFetcher(redis, keys));
    this.keyPrefix = keys.prefix;
    this.keys = keys;
    const projections = options.projections ?? LEDGER_PROJECTIONS;
    this.signature = projectionsSignature(projections);
    this.writer = new RedisReadModelWriter(redis, keys, {
      projections,
      signature: this.signature,
      batchSize: positiveInteger(
        'batchSize',
        options.batchSize ?? REDIS_READ_MODEL_LIMITS.batchSize,
      ),
      documentCacheSize: options.documentCacheSize ?? REDIS_READ_MODEL_LIMITS.documentCacheSize,
      rebuildToken: options.rebuildToken ?? '',
    });
  }

  /**
   * Applies one event with its checkpoint: `skipped` when it (or a later
   * event) was already applied, by this process or another one.
   */
  async applyEvent(event: RecordedEvent, options: ApplyEventsOptions = {}): Promise<ApplyStatus> {
    const result = await this.applyEvents([event], options);
    return result.applied === 1 ? 'applied' : 'skipped';
  }

  /**
   * Applies a run of events, in order, each atomically with its checkpoint.
   * If a projection throws on an event, the events before it are applied and
   * the error is thrown: the checkpoint stays just before the bad event.
   */
  applyEvents(
    events: readonly RecordedEvent[],
    options: ApplyEventsOptions = {},
  ): Promise<ApplyEventsResult> {
    // One run at a time per instance (the cache belongs to the run); other
    // instances and processes are kept apart by the script's guard.
    const run = this.queue.then(() => this.writer.applyRun(events, options.afterPosition));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async checkpoint(): Promise<number> {
    return parseCheckpoint(await this.redis.get(this.keys.checkpoint));
  }

  /** True when the stored read models were written by these projections (or by none yet). */
  async projectionsMatch(): Promise<boolean> {
    const stored = await this.redis.get(this.keys.projections);
    return stored === null || stored === this.signature;
  }
}

function keyPrefixOf(redis: Redis, options: RedisReadModelsOptions): string {
  if (redis.options?.keyPrefix) {
    throw new Error('give RedisReadModels a client without keyPrefix; use its keyPrefix option');
  }
  return options.keyPrefix ?? REDIS_DEFAULT_KEY_PREFIX;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}
