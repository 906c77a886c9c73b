import { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import { EventHandler, Subscription } from '../event-store.port';
import { EventFilter } from '../event-store-arguments';
import { commitOf, matchesFilter, toRecordedEvent } from './eventstoredb-events';

/** How long `stop` waits for the client to cancel the call before destroying the source. */
export const UNSUBSCRIBE_WAIT_MS_MAX = 2_000;

/**
 * Catch-up then live, from the client's `$all` subscription: events are
 * handed to the handler one at a time, in order, each awaited before the next
 * is read. An error (the handler's, or the stream's: UNAVAILABLE when the
 * server goes away) calls `onError` once and ends the subscription.
 */
export class EventStoreDbSubscription implements Subscription {
  private stopped = false;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly source: AllStreamSubscription,
    private readonly handler: EventHandler,
    private cursor: bigint,
    private readonly filter: EventFilter,
    private readonly onError: ((err: unknown) => void) | undefined,
  ) {}

  start(onExit: () => void): void {
    this.loop = this.run().finally(onExit);
  }

  async stop(): Promise<void> {
    if (!this.stopped) {
      this.stopped = true;
      await this.release();
    }
    await this.loop;
  }

  /**
   * The client's `unsubscribe` first awaits the creation of the gRPC call,
   * which may never come while the channel is down: a shutdown then hung
   * (the projector still running 30 s after SIGTERM in store-outage.e2e).
   * The source is destroyed after a bounded wait either way, which ends the
   * loop's iteration; a late cancel finds the call already gone.
   */
  private async release(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.source.unsubscribe().catch(() => undefined),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, UNSUBSCRIBE_WAIT_MS_MAX))),
    ]);
    clearTimeout(timer);
    this.source.destroy();
  }

  private async run(): Promise<void> {
    try {
      for await (const resolved of this.source as AsyncIterable<AllStreamResolvedEvent>) {
        if (this.stopped) return;
        const commit = commitOf(resolved);
        if (commit === undefined || commit <= this.cursor) continue;
        const event = toRecordedEvent(resolved);
        if (event && matchesFilter(event, this.filter)) await this.handler(event);
        this.cursor = commit;
      }
      if (!this.stopped) throw new Error('the EventStoreDB subscription ended');
    } catch (err) {
      if (this.stopped) return;
      this.stopped = true;
      await this.release();
      this.onError?.(err);
    }
  }
}
