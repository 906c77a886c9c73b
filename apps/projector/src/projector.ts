import { STREAM_PREFIXES } from '@ledger/domain';
import { EventStore, RecordedEvent, Subscription } from '@ledger/event-store/event-store.port';
import { RedisLease } from './redis-lease';

export interface ProjectionTarget {
  checkpoint(): Promise<number>;
  applyEvent(event: RecordedEvent): Promise<unknown>;
}

export interface ProjectorLog {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
}

export interface ProjectorOptions {
  backoffMsMin?: number;
  backoffMsMax?: number;
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

  /** Subscribes from the checkpoint; resolves with the reason it ended. */
  private async followUntilError(): Promise<unknown> {
    let renew: NodeJS.Timeout | undefined;
    try {
      const from = await this.target.checkpoint();
      return await new Promise<unknown>((resolve) => {
        this.wake = () => resolve(new Error('stopped'));
        renew = setInterval(() => {
          this.lease.extend().then(
            (held) => held || resolve(new Error('lease lost')),
            (err: unknown) => resolve(err),
          );
        }, this.lease.ttlMs / 3);
        this.subscription = this.store.subscribe(
          async (event) => {
            await this.target.applyEvent(event);
            this.applied += 1;
          },
          { afterPosition: from, streamPrefixes: STREAM_PREFIXES, onError: resolve },
        );
        this.log.info('subscribed', { afterPosition: from });
      });
    } catch (err) {
      return err;
    } finally {
      if (renew) clearInterval(renew);
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
