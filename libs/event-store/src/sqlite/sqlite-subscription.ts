import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { EventHandler, RecordedEvent, Subscription } from '../event-store.port';
import { SQLITE_EVENT_STORE_LIMITS } from './sqlite-event-store.limits';

/** What a subscription needs from the store: reads of the log, and a wait for news. */
export interface SubscriptionSource {
  headPosition(): number;
  readPage(afterPosition: number, upToPosition: number, limit: number): RecordedEvent[];
  /** Resolves on the next local append or after one poll interval. */
  waitForAppend(onRegistered: (wake: () => void) => void): Promise<void>;
}

/**
 * Catch-up then live, one loop: read a page after the cursor, hand its events
 * to the handler one at a time, and when nothing is new wait for a local append
 * or one poll interval (which is how appends by other processes are seen).
 */
export class SqliteSubscription implements Subscription {
  private stopped = false;
  private wakeCurrentWait: (() => void) | undefined;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly source: SubscriptionSource,
    private readonly handler: EventHandler,
    private cursor: number,
    private readonly onError: ((err: unknown) => void) | undefined,
  ) {}

  start(onExit: () => void): void {
    this.loop = this.run().finally(onExit);
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.wakeCurrentWait?.();
    return this.loop;
  }

  private async run(): Promise<void> {
    const pageSize = SQLITE_EVENT_STORE_LIMITS.subscriptionPageSize;
    try {
      while (!this.stopped) {
        // Bounding the page by a head read first lets a short page move the
        // cursor to that head: every position up to it is already committed
        // (see SqliteEventStore), so filtered-out events are not rescanned.
        const head = this.source.headPosition();
        const page = head > this.cursor ? this.source.readPage(this.cursor, head, pageSize) : [];
        for (const event of page) {
          if (this.stopped) return;
          await this.handler(event);
          this.cursor = event.position;
        }
        if (page.length < pageSize) this.cursor = Math.max(this.cursor, head);
        if (page.length === 0 && !this.stopped) {
          await this.source.waitForAppend((wake) => (this.wakeCurrentWait = wake));
          this.wakeCurrentWait = undefined;
        } else {
          // A synchronous handler only ever awaits microtasks: without this, a
          // long catch-up would starve timers and I/O in the whole process.
          await yieldToEventLoop();
        }
      }
    } catch (err) {
      this.stopped = true;
      this.onError?.(err);
    }
  }
}
