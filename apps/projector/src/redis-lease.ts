import type Redis from 'ioredis';
import { randomUUID } from 'node:crypto';

// Extend only while we still hold it; release only our own lease.
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * One projector at a time writes the read models: a lease in Redis (SET NX PX),
 * renewed at a third of its time. The read-model store stays correct even if
 * two projectors overlap (each event applies once, checkpoints only advance),
 * so the lease saves work and keeps order; it is not what keeps data right.
 */
export class RedisLease {
  readonly holder = randomUUID();

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    readonly ttlMs: number,
  ) {}

  async acquire(): Promise<boolean> {
    return (await this.redis.set(this.key, this.holder, 'PX', this.ttlMs, 'NX')) === 'OK';
  }

  async extend(): Promise<boolean> {
    return (await this.redis.eval(EXTEND, 1, this.key, this.holder, String(this.ttlMs))) === 1;
  }

  async release(): Promise<void> {
    await this.redis.eval(RELEASE, 1, this.key, this.holder);
  }
}
