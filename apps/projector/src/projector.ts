import { STREAM_PREFIXES } from '@ledger/domain';
import { EventStore, RecordedEvent, Subscription } from '@ledger/event-store/event-store.port';
import { RedisLease } from './redis-lease';

export interface ProjectionTarget {
  checkpoint(): Promise<number>;
  /** Applies a run of the feed that starts right after `afterPosition`, in order. */
  applyEvents(
    events: readonly RecordedEvent[],
    options: { afterPosition: number },
  ): Promise<unknown>;
}

export interface ProjectorLog {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
}

export interface ProjectorOptions {
  backoffMsMin?: number;
  backoffMsMax?: number;
  /** Events applied in one round trip at most. */
  batchSizeMax?: number;
  /** How long a partial batch may wait for company. */
  batchDelayMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Feeds the read models from a catch-up subscription to the ledger's events.
 * The client does not resubscribe after a dropped connection, so this loop
 * does: from the read models' own checkpoint, with capped exponential backoff.
 * Only the lease holder subscribes.
 */
export class Projector {
  private stopped = false;
  private subscription: Subscription | undefined;
  private wake: (() => void) | undefined;
  applied = 0;

  constructor(
    private readonly store: EventStore,
    private readonly target: ProjectionTarget,
    private readonly lease: RedisLease,
    private readonly log: ProjectorLog,
    private readonly options: ProjectorOptions = {},
  ) {}

  async run(): Promise<void> {
    const minMs = this.options.backoffMsMin ?? 100;
    const maxMs = this.options.backoffMsMax ?? 5_000;
    let backoffMs = minMs;
    while (!this.stopped) {
      if (!(await this.safely(() => this.lease.acquire(), false))) {
        await this.pause(this.lease.ttlMs / 3);
        continue;
      }
      this.log.info('lease acquired', { holder: this.lease.holder });
      const error = await this.followUntilError();
      if (this.stopped) break;
      this.log.warn('subscription ended; resubscribing from the checkpoint', {
        error: error instanceof Error ? error.message : String(error),
        backoffMs,
      });
      await this.pause(backoffMs);
      backoffMs = Math.min(maxMs, backoffMs * 2);
    }
    await this.safely(() => this.lease.release(), undefined);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.subscription?.stop();
  }

  /**
   * Subscribes from the checkpoint; resolves with the reason it ended. Events
   * are gathered into batches (one Redis round trip each, every event still
   * atomic with its checkpoint); the subscription waits while a full batch is
   * written, so memory stays bounded.
   */
  private async followUntilError(): Promise<unknown> {
    let renew: NodeJS.Timeout | undefined;
    let timer: NodeJS.Timeout | undefined;
    const batchSizeMax = this.options.batchSizeMax ?? 500;
    const batchDelayMs = this.options.batchDelayMs ?? 5;
    try {
      let appliedUpTo = await this.target.checkpoint();
      let buffer: RecordedEvent[] = [];
      let writing: Promise<void> = Promise.resolve();
      let failed: unknown;
      return await new Promise<unknown>((resolve) => {
        const fail = (err: unknown) => {
          failed ??= err;
          resolve(err);
        };
        const flush = (): Promise<void> => {
          if (timer) clearTimeout(timer);
          timer = undefined;
          const batch = buffer;
          buffer = [];
          if (batch.length === 0) return writing;
          writing = writing.then(async () => {
            if (failed) return;
            try {
              await this.target.applyEvents(batch, { afterPosition: appliedUpTo });
              appliedUpTo = batch[batch.length - 1].position;
              this.applied += batch.length;
            } catch (err) {
              fail(err);
            }
          });
          return writing;
        };
        this.wake = () => resolve(new Error('stopped'));
        renew = setInterval(() => {
          this.lease.extend().then(
            (held) => held || fail(new Error('lease lost')),
            (err: unknown) => fail(err),
          );
        }, this.lease.ttlMs / 3);
        this.subscription = this.store.subscribe(
          async (event) => {
            if (failed) throw failed;
            buffer.push(event);
            if (buffer.length >= batchSizeMax) await flush();
            else timer ??= setTimeout(() => void flush(), batchDelayMs);
          },
          { afterPosition: appliedUpTo, streamPrefixes: STREAM_PREFIXES, onError: fail },
        );
        this.log.info('subscribed', { afterPosition: appliedUpTo });
      });
    } catch (err) {
      return err;
    } finally {
      if (renew) clearInterval(renew);
      if (timer) clearTimeout(timer);
      const sub = this.subscription;
      this.subscription = undefined;
      this.wake = undefined;
      await sub?.stop().catch(() => undefined);
    }
  }

  private async pause(ms: number): Promise<void> {
    await Promise.race([sleep(ms), new Promise<void>((resolve) => (this.wake = resolve))]);
    this.wake = undefined;
  }

  private async safely<T>(f: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await f();
    } catch (err) {
      this.log.warn('redis call failed', {
        error: err instanceof Error ? err.message : String(err),
      });
      return fallback;
    }
  }
}
