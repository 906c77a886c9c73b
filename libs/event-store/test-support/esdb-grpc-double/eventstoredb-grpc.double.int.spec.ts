/**
 * The gRPC test double seen through the real client, without the adapter:
 * which RPCs `@eventstore/db-client` 6.2.1 actually makes against it, and the
 * wire facts the double's header lists.
 */
import { status } from '@grpc/grpc-js';
import {
  END,
  EventStoreDBClient,
  FORWARDS,
  jsonEvent,
  NO_STREAM,
  START,
  streamNameFilter,
} from '@eventstore/db-client';
import { EventStoreDbGrpcDouble } from './eventstoredb-grpc.double';

describe('EventStoreDbGrpcDouble (test support) through the real client', () => {
  let double: EventStoreDbGrpcDouble;
  let client: EventStoreDBClient;

  async function open(options: ConstructorParameters<typeof EventStoreDbGrpcDouble>[0] = {}) {
    double = new EventStoreDbGrpcDouble(options);
    await double.start();
    client = EventStoreDBClient.connectionString(double.connectionString);
  }

  afterEach(async () => {
    await client.dispose();
    await double.stop();
  });

  async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
    const out: T[] = [];
    for await (const item of source) out.push(item);
    return out;
  }

  it('given GetSupportedMethods answers UNIMPLEMENTED, when appending, then the client falls back to the client-streaming Streams.Append', async () => {
    await open({ appendPath: 'append' });

    await client.appendToStream('s', jsonEvent({ type: 'A', data: { n: 1 } }));
    await client.appendToStream('s', jsonEvent({ type: 'B', data: { n: 2 } }));

    expect(double.calls).toEqual([
      'ServerFeatures.GetSupportedMethods',
      'Streams.Append',
      'Streams.Append',
    ]);
  });

  it('given GetSupportedMethods advertises BatchAppend, when appending, then the client uses one bidirectional Streams.BatchAppend call', async () => {
    await open({ appendPath: 'batch-append' });

    await client.appendToStream('s', jsonEvent({ type: 'A', data: { n: 1 } }));
    await client.appendToStream('s', jsonEvent({ type: 'B', data: { n: 2 } }));

    expect(double.calls).toEqual([
      'ServerFeatures.GetSupportedMethods',
      'Streams.BatchAppend',
      'Streams.BatchAppend(request)',
      'Streams.BatchAppend(request)',
    ]);
  });

  it('given reads of a stream and of $all and a subscription, when made, then all three use the server-streaming Streams.Read', async () => {
    await open();
    await client.appendToStream('s', jsonEvent({ type: 'A', data: {} }));
    double.calls.length = 0;

    await collect(client.readStream('s'));
    await collect(client.readAll({ maxCount: 10 }));
    const subscription = client.subscribeToAll({ fromPosition: START });
    const first = await new Promise((resolve) => subscription.once('data', resolve));
    await subscription.unsubscribe();

    expect(first).toBeDefined();
    expect(double.calls).toEqual([
      'Streams.Read(stream)',
      'Streams.Read($all)',
      'Streams.Read(subscription)',
    ]);
  });

  it('given an appended JSON event, when read back, then it carries type, content-type, created (Unix ms × 10,000), revision and commit position', async () => {
    await open({ firstPosition: 4_200n });
    const before = Date.now();
    await client.appendToStream(
      's',
      jsonEvent({ type: 'Opened', data: { n: 1 }, metadata: { m: 2 } }),
      {
        expectedRevision: NO_STREAM,
      },
    );

    const [resolved] = await collect(client.readStream('s'));

    const recorded = resolved.event!;
    expect(recorded.type).toBe('Opened');
    expect(recorded.isJson).toBe(true);
    expect(recorded.data).toEqual({ n: 1 });
    expect(recorded.metadata).toEqual({ m: 2 });
    expect(recorded.revision).toBe(0n);
    expect(recorded.position).toEqual({ commit: 4_200n, prepare: 4_200n });
    expect(recorded.created.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(recorded.created.getTime()).toBeLessThanOrEqual(Date.now());
    expect(double.events[0].createdTicks / 10_000n).toBe(BigInt(recorded.created.getTime()));
  });

  it('given a missing stream, when read, then the client raises StreamNotFoundError', async () => {
    await open();

    await expect(collect(client.readStream('nope'))).rejects.toMatchObject({
      type: 'stream-not-found',
    });
  });

  it('given a wrong expected revision, when appending on either path, then WrongExpectedVersionError with the current revision as bigint', async () => {
    for (const appendPath of ['append', 'batch-append'] as const) {
      await open({ appendPath });
      await client.appendToStream('s', [
        jsonEvent({ type: 'A', data: {} }),
        jsonEvent({ type: 'B', data: {} }),
      ]);

      await expect(
        client.appendToStream('s', jsonEvent({ type: 'C', data: {} }), { expectedRevision: 0n }),
      ).rejects.toMatchObject({
        type: 'wrong-expected-version',
        actualVersion: 1n,
        expectedVersion: 0n,
      });
      await expect(
        client.appendToStream('t', jsonEvent({ type: 'C', data: {} }), { expectedRevision: 3n }),
      ).rejects.toMatchObject({ actualVersion: 'no_stream' });
      await client.dispose();
      await double.stop();
    }
    await open();
  });

  it('given appends, when reading $all, then positions are irregular multiples of 100 (never contiguous) and reading from a non-boundary is refused', async () => {
    await open({ firstPosition: 1_000n });
    for (let i = 0; i < 4; i++)
      await client.appendToStream(`s-${i}`, jsonEvent({ type: 'A', data: {} }));

    const all = await collect(client.readAll({ direction: FORWARDS, fromPosition: START }));

    expect(all.map((e) => e.event!.position.commit)).toEqual([1_000n, 1_100n, 1_400n, 1_600n]);
    await expect(
      collect(client.readAll({ fromPosition: { commit: 1_001n, prepare: 1_001n } })),
    ).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });
  });

  it('given a filtered subscription, when events are appended live, then confirmation, filtered catch-up and live events arrive, and checkpoints do not reach the reader', async () => {
    await open();
    await client.appendToStream('keep-1', jsonEvent({ type: 'A', data: { n: 1 } }));
    await client.appendToStream('drop-1', jsonEvent({ type: 'A', data: { n: -1 } }));
    const subscription = client.subscribeToAll({
      fromPosition: START,
      filter: streamNameFilter({ prefixes: ['keep-'] }),
    });
    const seen: number[] = [];
    let confirmed = false;
    subscription.on('confirmation', () => (confirmed = true));
    subscription.on('data', (e: { event?: { data: unknown } }) =>
      seen.push((e.event!.data as { n: number }).n),
    );
    await waitFor(() => seen.length === 1);

    await client.appendToStream('keep-2', jsonEvent({ type: 'A', data: { n: 2 } }));
    await client.appendToStream('drop-2', jsonEvent({ type: 'A', data: { n: -2 } }));
    await waitFor(() => seen.length === 2);
    await subscription.unsubscribe();

    expect(confirmed).toBe(true);
    expect(seen).toEqual([1, 2]);
  });

  it('given stop and restart, when reading again, then the same data is served on the same port', async () => {
    await open();
    await client.appendToStream('s', jsonEvent({ type: 'A', data: {} }));
    const port = double.port;

    await double.restart();

    expect(double.port).toBe(port);
    // The first call after the drop may see UNAVAILABLE while the client reconnects.
    const read = await retry(() =>
      collect(client.readStream('s', { fromRevision: END, direction: 'backwards' })),
    );
    expect(read.map((e) => e.event!.type)).toEqual(['A']);
  });

  it('given failNext(2), when reading three times, then two UNAVAILABLE answers and then the data', async () => {
    await open();
    await client.appendToStream('s', jsonEvent({ type: 'A', data: {} }));

    double.failNext(2);
    const outcomes: string[] = [];
    for (let i = 0; i < 3; i++) {
      await collect(client.readStream('s')).then(
        () => outcomes.push('ok'),
        (err: { code?: number }) => outcomes.push(String(err.code)),
      );
      await new Promise((r) => setTimeout(r, 20));
    }

    expect(outcomes).toEqual(['14', '14', 'ok']);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function retry<T>(operation: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await operation();
    } catch (err) {
      if (i >= attempts) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
