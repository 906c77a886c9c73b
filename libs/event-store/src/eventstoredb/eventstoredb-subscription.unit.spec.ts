import type { AllStreamSubscription } from '@eventstore/db-client';
import { PassThrough } from 'node:stream';
import { EventStoreDbSubscription, UNSUBSCRIBE_WAIT_MS_MAX } from './eventstoredb-subscription';

/**
 * The client's subscription as far as EventStoreDbSubscription uses it: an
 * object stream with `unsubscribe`. Here `unsubscribe` never settles, as when
 * the gRPC call it awaits is never created (the channel down).
 */
function stuckSource(): AllStreamSubscription & PassThrough {
  const source = new PassThrough({ objectMode: true }) as PassThrough & {
    unsubscribe(): Promise<void>;
  };
  source.unsubscribe = () => new Promise<void>(() => undefined);
  return source as unknown as AllStreamSubscription & PassThrough;
}

const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'timed out'> =>
  Promise.race([
    promise,
    new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), ms).unref()),
  ]);

describe('EventStoreDbSubscription', () => {
  it('given an unsubscribe that never settles, when the subscription is stopped, then stop resolves after a bounded wait and the source is destroyed', async () => {
    const source = stuckSource();
    const subscription = new EventStoreDbSubscription(
      source,
      async () => undefined,
      0n,
      {},
      undefined,
    );
    let exited = false;
    subscription.start(() => (exited = true));

    const started = Date.now();
    const outcome = await within(subscription.stop(), UNSUBSCRIBE_WAIT_MS_MAX + 3_000);

    expect(outcome).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(UNSUBSCRIBE_WAIT_MS_MAX - 50);
    expect(source.destroyed).toBe(true);
    expect(exited).toBe(true);
  });

  it('given an unsubscribe that never settles, when the stream fails, then onError is still called once', async () => {
    const source = stuckSource();
    const errors: unknown[] = [];
    const subscription = new EventStoreDbSubscription(
      source,
      async () => undefined,
      0n,
      {},
      (err) => errors.push(err),
    );
    const exited = new Promise<void>((resolve) => subscription.start(resolve));

    source.destroy(new Error('UNAVAILABLE'));

    expect(await within(exited, UNSUBSCRIBE_WAIT_MS_MAX + 3_000)).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(await within(subscription.stop(), 1_000)).toBeUndefined();
  });
});
