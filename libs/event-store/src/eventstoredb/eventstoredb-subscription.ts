import { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import { EventHandler, Subscription } from '../event-store.port';
import { EventFilter } from '../event-store-arguments';
import { commitOf, matchesFilter, toRecordedEvent } from './eventstoredb-events';

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
      await this.source.unsubscribe().catch(() => undefined);
      this.source.destroy();
    }
    await this.loop;
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
      await this.source.unsubscribe().catch(() => undefined);
      this.source.destroy();
      this.onError?.(err);
    }
  }
}
