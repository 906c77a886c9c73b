import { OnApplicationShutdown } from '@nestjs/common';
import Redis, { ReplyError } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { AppendScope } from '@ledger/event-store/append-scope';
import { DependencyUnavailableException, redisKnownDown } from '../http/dependency-unavailable';
import { EventStoreIdempotencyFence } from './event-store-idempotency-fence';
import {
  IdempotencyClaim,
  IdempotencyClaimRequest,
  IdempotencyKeyRef,
  IdempotencyStore,
  StoredResponse,
} from './idempotency.store';

/** Completed answers are kept this long: far beyond any client's retry window. */
const COMPLETED_TTL_S = 30 * 24 * 3600;

// One hash per (scope, key): fingerprint, state, claim, and the answer once completed.
// The claim decides atomically in the script, so two replicas never both own a key.
const CLAIM = `
local h = redis.call('HGETALL', KEYS[1])
if #h > 0 then
  local r = {}
  for i = 1, #h, 2 do r[h[i]] = h[i + 1] end
  if r.state == 'completed' then
    if r.fingerprint ~= ARGV[1] then return {'mismatch'} end
    return {'replay', r.status, r.body or ''}
  end
  if r.fingerprint ~= ARGV[1] then return {'mismatch'} end
  return {'in_progress'}
end
redis.call('HSET', KEYS[1], 'fingerprint', ARGV[1], 'state', 'in_progress', 'claim', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {'claimed'}`;

const COMPLETE = `
if redis.call('HGET', KEYS[1], 'claim') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'state', 'completed', 'status', ARGV[2], 'body', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1`;

const RELEASE = `
if redis.call('HGET', KEYS[1], 'claim') == ARGV[1] and redis.call('HGET', KEYS[1], 'state') == 'in_progress' then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/**
 * Idempotency keys shared by every API replica in scale-out mode. An
 * unfinished claim expires with its lease (a crashed replica frees the key);
 * a completed answer is kept for 30 days. Whether a key's command ever wrote
 * is not Redis's to say: the fence on the event store decides that (ADR 0011),
 * so a claim taken after a crash is refused at its first append.
 */
export class RedisIdempotencyStore implements IdempotencyStore, OnApplicationShutdown {
  private ownsClient = false;
  private readonly fence = new EventStoreIdempotencyFence();

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'ledger:idempotency:',
  ) {}

  static connect(url: string): RedisIdempotencyStore {
    const store = new RedisIdempotencyStore(new Redis(url, { maxRetriesPerRequest: 3 }));
    store.ownsClient = true;
    return store;
  }

  onApplicationShutdown(): void {
    if (this.ownsClient) this.redis.disconnect();
  }

  private keyOf(scope: string, key: string): string {
    return `${this.prefix}${scope.length}:${scope}:${key}`;
  }

  async claim(request: IdempotencyClaimRequest): Promise<IdempotencyClaim> {
    const claimId = randomUUID();
    const [outcome, status, body] = (await this.eval(
      CLAIM,
      1,
      this.keyOf(request.scope, request.key),
      request.fingerprint,
      claimId,
      String(request.leaseMs),
    )) as [string, string?, string?];
    switch (outcome) {
      case 'claimed':
        return { outcome, claimId };
      case 'replay':
        return { outcome, statusCode: Number(status), body: body ? JSON.parse(body) : undefined };
      case 'mismatch':
      case 'in_progress':
        return { outcome };
      default:
        throw new Error(`unexpected idempotency answer ${outcome}`);
    }
  }

  appendScope(ref: IdempotencyKeyRef, fingerprint: string): AppendScope {
    return this.fence.appendScope(ref, fingerprint);
  }

  async complete(ref: IdempotencyKeyRef, response: StoredResponse): Promise<void> {
    await this.eval(
      COMPLETE,
      1,
      this.keyOf(ref.scope, ref.key),
      ref.claimId,
      String(response.statusCode),
      response.body === undefined ? '' : JSON.stringify(response.body),
      String(COMPLETED_TTL_S),
    );
  }

  async release(ref: IdempotencyKeyRef): Promise<void> {
    // The fence, if the command wrote it, stays: the key is then never run again.
    await this.eval(RELEASE, 1, this.keyOf(ref.scope, ref.key), ref.claimId);
  }

  /**
   * Redis out of reach (refused, closed, retries spent) is an outage: 503 with
   * Retry-After. An error Redis itself answered (a ReplyError) is a bug, left
   * as it is.
   */
  private async eval(script: string, keys: number, ...args: string[]): Promise<unknown> {
    if (redisKnownDown(this.redis)) {
      throw new DependencyUnavailableException('idempotency keys (Redis)');
    }
    try {
      return await this.redis.eval(script, keys, ...args);
    } catch (error) {
      if (error instanceof ReplyError) throw error;
      throw new DependencyUnavailableException('idempotency keys (Redis)', { cause: error });
    }
  }
}
