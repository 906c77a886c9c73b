import { randomUUID } from 'node:crypto';
import { status } from '@grpc/grpc-js';
import { UnavailableError } from '@eventstore/db-client';
import {
  AppendPath,
  EventStoreDbGrpcDouble,
} from '../../test-support/esdb-grpc-double/eventstoredb-grpc.double';
import {
  describeEventStoreContract,
  metadataFor,
  sleep,
  waitUntil,
} from '../../test-support/event-store.contract';
import { ConcurrencyError, EventToAppend, RecordedEvent } from '../event-store.port';
import {
  bigintToSafeNumber,
  esdbEventId,
  EventStoreDbEventStore,
  EventStoreDbEventStoreOptions,
  isUnavailableError,
} from './eventstoredb-event-store';

/** Fast retries so fault tests stay quick; the defaults are 5 attempts from 50 ms. */
const FAST_RETRY: EventStoreDbEventStoreOptions = { retryBackoffMsMin: 5, retryBackoffMsMax: 20 };

function event(type: string, data: Record<string, unknown> = {}): EventToAppend {
  return { type, data, metadata: metadataFor('esdb-spec') };
}

for (const appendPath of ['append', 'batch-append'] as const) {
  describe(`EventStoreDbEventStore against the gRPC test double (${appendPath} path)`, () => {
    const double = new EventStoreDbGrpcDouble({ appendPath });
    beforeAll(() => double.start());
    afterAll(() => double.stop());

    describeEventStoreContract(`EventStoreDbEventStore via double (${appendPath})`, async () => {
      const store = EventStoreDbEventStore.connect(double.connectionString, FAST_RETRY);
      return { store, cleanup: () => store.close() };
    });
  });
}

// Against a real server only when one is given; otherwise nothing is
// registered, so nothing is reported as skipped-but-passed.
const realServerUrl = process.env.EVENTSTORE_TEST_URL;
if (realServerUrl) {
  describeEventStoreContract('EventStoreDbEventStore against EVENTSTORE_TEST_URL', async () => {
    const store = EventStoreDbEventStore.connect(realServerUrl);
    return { store, cleanup: () => store.close() };
  });
}

describe('EventStoreDbEventStore (adapter-specific, against the gRPC test double)', () => {
  let double: EventStoreDbGrpcDouble;
  /** The double this test started, if any (the connect tests start none). */
  let started: EventStoreDbGrpcDouble | undefined;
  const opened: EventStoreDbEventStore[] = [];
  const startDouble = async (
    options: ConstructorParameters<typeof EventStoreDbGrpcDouble>[0] = {},
  ) => {
    double = new EventStoreDbGrpcDouble(options);
    started = double;
    await double.start();
  };
  const connect = (options: EventStoreDbEventStoreOptions = FAST_RETRY) => {
    const store = EventStoreDbEventStore.connect(double.connectionString, options);
    opened.push(store);
    return store;
  };

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await started?.stop();
    started = undefined;
  });

  describe('connect', () => {
    it('given something other than an esdb:// connection string, when connecting, then TypeError', () => {
      expect(() => EventStoreDbEventStore.connect('http://127.0.0.1:2113')).toThrow(TypeError);
      expect(() => EventStoreDbEventStore.connect('')).toThrow(TypeError);
    });

    it('given retry options out of range, when connecting, then RangeError', async () => {
      await startDouble();
      expect(() => connect({ retryAttempts: 0 })).toThrow(RangeError);
      expect(() => connect({ retryBackoffMsMin: 100, retryBackoffMsMax: 10 })).toThrow(RangeError);
      expect(() => connect({ readPageSize: 1 })).toThrow(RangeError);
    });
  });

  describe('UNAVAILABLE', () => {
    it('given two UNAVAILABLE answers, when reading a stream, $all and the head, then each read is retried and succeeds', async () => {
      await startDouble();
      const store = connect();
      await store.append('s', [event('A'), event('B')], 'no_stream');

      double.failNext(2);
      const read = await store.readStream('s');
      double.failNext(2);
      const all = await store.readAll();
      double.failNext(2);
      const head = await store.headPosition();

      expect(read.map((e) => e.type)).toEqual(['A', 'B']);
      expect(all).toEqual(read);
      expect(head).toBe(read[1].position);
      expect(double.pendingFaults).toBe(0);
      expect(
        double.calls.filter((c) => c === 'Streams.Read(stream)').length,
      ).toBeGreaterThanOrEqual(3);
    });

    it('given more UNAVAILABLE answers than attempts, when reading, then the UNAVAILABLE error reaches the caller', async () => {
      await startDouble();
      const store = connect({ ...FAST_RETRY, retryAttempts: 2 });

      double.failNext(2);
      const failed = store.readStream('s');

      await expect(failed).rejects.toMatchObject({ code: status.UNAVAILABLE });
      expect(isUnavailableError(await failed.catch((err: unknown) => err))).toBe(true);
      expect(double.pendingFaults).toBe(0);
      expect(await store.readStream('s')).toEqual([]);
    });

    it('given another gRPC error, when reading, then it is not retried', async () => {
      await startDouble();
      const store = connect();

      double.failNext(1, status.INTERNAL);

      await expect(store.readStream('s')).rejects.toMatchObject({ code: status.INTERNAL });
      expect(double.calls.filter((c) => c.startsWith('Streams.Read'))).toHaveLength(1);
    });

    it('tells UNAVAILABLE from the client type or the bare gRPC code 14, and nothing else', () => {
      expect(isUnavailableError(new UnavailableError())).toBe(true);
      expect(isUnavailableError({ code: 14, details: 'No connection established' })).toBe(true);
      expect(isUnavailableError({ type: 'unavailable' })).toBe(true);
      expect(isUnavailableError({ code: 4 })).toBe(false);
      expect(isUnavailableError({ type: 'wrong-expected-version' })).toBe(false);
      expect(isUnavailableError(new Error('14'))).toBe(false);
      expect(isUnavailableError(undefined)).toBe(false);
    });

    for (const appendPath of ['append', 'batch-append'] as AppendPath[]) {
      const rpc = appendPath === 'append' ? 'Append' : 'BatchAppend';

      it(`given a lost acknowledgement (${rpc} written, then UNAVAILABLE), when appending with an exact revision, then the retry is idempotent: written once, original result`, async () => {
        await startDouble({ appendPath });
        const store = connect();
        await store.append('s', [event('A')], 'no_stream');

        double.failNext(1, status.UNAVAILABLE, { afterWrite: true, rpc });
        const result = await store.append('s', [event('B'), event('C')], 0);

        const read = await store.readStream('s');
        expect(read.map((e) => e.type)).toEqual(['A', 'B', 'C']);
        expect(result).toEqual({ nextExpectedRevision: 2, position: read[2].position });
        expect(double.events.filter((e) => e.stream === 's')).toHaveLength(3);
        expect(double.pendingFaults).toBe(0);
      });

      it(`given a lost acknowledgement on ${rpc}, when appending with no_stream and no event ids, then the retry reuses the ids and is written once`, async () => {
        await startDouble({ appendPath });
        const store = connect();

        double.failNext(1, status.UNAVAILABLE, { afterWrite: true, rpc });
        const result = await store.append('fresh', [event('A'), event('B')], 'no_stream');

        const read = await store.readStream('fresh');
        expect(read.map((e) => e.type)).toEqual(['A', 'B']);
        expect(result.nextExpectedRevision).toBe(1);
      });

      it(`given UNAVAILABLE on ${rpc}, when appending with any, then it is not retried (not provably idempotent) and nothing is written`, async () => {
        await startDouble({ appendPath });
        const store = connect();

        double.failNext(1, status.UNAVAILABLE, { rpc });
        const failed = store.append('s', [event('A')], 'any');

        await expect(failed).rejects.toMatchObject({ code: status.UNAVAILABLE });
        expect(isUnavailableError(await failed.catch((err: unknown) => err))).toBe(true);
        expect(await store.readStream('s')).toEqual([]);
        expect(double.events).toEqual([]);
      });
    }
  });

  describe('expected revisions', () => {
    for (const appendPath of ['append', 'batch-append'] as AppendPath[]) {
      it(`given a stream at revision 2, when appending with expected 0 (${appendPath} path), then ConcurrencyError with actual 2`, async () => {
        await startDouble({ appendPath });
        const store = connect();
        await store.append('s', [event('A'), event('B'), event('C')], 'no_stream');

        const refused = store.append('s', [event('D')], 0);

        await expect(refused).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(refused).rejects.toMatchObject({ stream: 's', expected: 0, actual: 2 });
        expect(double.events).toHaveLength(3);
      });
    }

    it('given throwOnAppendFailure=false in the connection string, when an append is refused, then still ConcurrencyError with the actual revision', async () => {
      await startDouble({ appendPath: 'batch-append' });
      const store = EventStoreDbEventStore.connect(
        `${double.connectionString}&throwOnAppendFailure=false`,
        FAST_RETRY,
      );
      opened.push(store);
      await store.append('s', [event('A'), event('B'), event('C')], 'no_stream');

      const refused = store.append('s', [event('D')], 'no_stream');

      await expect(refused).rejects.toMatchObject({ expected: 'no_stream', actual: 2 });
    });
  });

  describe('bigint revisions and positions', () => {
    it('given positions above 2^52, when appending and reading, then they arrive as the exact numbers', async () => {
      await startDouble({ firstPosition: 2n ** 52n + 300n, positionGaps: [700n] });
      const store = connect();

      const result = await store.append('s', [event('A'), event('B')], 'no_stream');

      const expected = double.events.map((e) => Number(e.position));
      expect(expected).toEqual([2 ** 52 + 300, 2 ** 52 + 1_000]);
      expect(result).toEqual({ nextExpectedRevision: 1, position: expected[1] });
      const read = await store.readStream('s');
      expect(read.map((e) => e.position)).toEqual(expected);
      expect(read.map((e) => typeof e.revision)).toEqual(['number', 'number']);
      expect((await store.readAll({ afterPosition: expected[0] })).map((e) => e.position)).toEqual([
        expected[1],
      ]);
      expect(await store.headPosition()).toBe(expected[1]);
    });

    it('given a position beyond Number.MAX_SAFE_INTEGER, when reading or appending, then RangeError instead of a rounded number', async () => {
      await startDouble({ firstPosition: 2n ** 53n + 2n });
      const store = connect();

      await expect(store.append('s', [event('A')], 'no_stream')).rejects.toBeInstanceOf(RangeError);
      await expect(store.readStream('s')).rejects.toBeInstanceOf(RangeError);
      await expect(store.readAll()).rejects.toBeInstanceOf(RangeError);
      await expect(store.headPosition()).rejects.toBeInstanceOf(RangeError);
    });

    it('converts bigint to number exactly or refuses', () => {
      expect(bigintToSafeNumber(0n, 'x')).toBe(0);
      expect(bigintToSafeNumber(BigInt(Number.MAX_SAFE_INTEGER), 'x')).toBe(
        Number.MAX_SAFE_INTEGER,
      );
      expect(() => bigintToSafeNumber(BigInt(Number.MAX_SAFE_INTEGER) + 1n, 'x')).toThrow(
        RangeError,
      );
      expect(() => bigintToSafeNumber(-1n, 'x')).toThrow(RangeError);
    });
  });

  describe('positions', () => {
    it('given appends, when reading $all, then positions increase with gaps, and an offset that is not an event boundary is refused', async () => {
      await startDouble({ firstPosition: 1_000n });
      const store = connect();
      await store.append('s', [event('A'), event('B'), event('C')], 'no_stream');

      const all = await store.readAll();

      expect(all.map((e) => e.position)).toEqual([1_000, 1_100, 1_400]);
      await expect(store.readAll({ afterPosition: all[1].position - 1 })).rejects.toMatchObject({
        code: status.INVALID_ARGUMENT,
      });
      expect(await store.readAll({ afterPosition: all[1].position })).toEqual([all[2]]);
    });

    it('given more events than a page, when reading $all with filters, then every matching event once, in order', async () => {
      await startDouble();
      const store = connect({ ...FAST_RETRY, readPageSize: 3 });
      for (let i = 0; i < 10; i++) {
        await store.append(i % 2 === 0 ? 'keep-1' : 'drop-1', [event('E', { i })], 'any');
      }

      const kept = await store.readAll({ streamPrefixes: ['keep-'] });
      const firstTwo = await store.readAll({ maxCount: 2 });

      expect(kept.map((e) => e.data.i)).toEqual([0, 2, 4, 6, 8]);
      expect(firstTwo.map((e) => e.data.i)).toEqual([0, 1]);
      expect(await store.headPosition()).toBe(Number(double.events[9].position));
    });
  });

  describe('system events', () => {
    it('given system events after and between ledger events, when reading, scanning the head and subscribing, then they are invisible', async () => {
      await startDouble();
      const store = connect({ ...FAST_RETRY, readPageSize: 2 });
      await store.append('s', [event('A')], 'no_stream');
      double.injectEvent('$stats-127.0.0.1:2113', '$statistics-collected', { cpu: 1 });
      double.injectEvent('s', '$metadata', { $maxCount: 10 });
      await store.append('s', [event('B')], 'any');
      double.injectEvent('$$s', '$metadata', { $maxAge: 1 });
      double.injectEvent('$stats-127.0.0.1:2113', '$statistics-collected', { cpu: 2 });
      double.injectEvent('$stats-127.0.0.1:2113', '$statistics-collected', { cpu: 3 });
      const received: RecordedEvent[] = [];

      const subscription = store.subscribe((e) => void received.push(e));
      try {
        await waitUntil(() => received.length >= 2);
        double.injectEvent('$stats-127.0.0.1:2113', '$statistics-collected', { cpu: 4 });
        await store.append('s', [event('C')], 'any');
        await waitUntil(() => received.length >= 3);
        await sleep(50);
      } finally {
        await subscription.stop();
      }

      const all = await store.readAll();
      expect(all.map((e) => e.type)).toEqual(['A', 'B', 'C']);
      expect((await store.readStream('s')).map((e) => [e.type, e.revision])).toEqual([
        ['A', 0],
        ['B', 2],
        ['C', 3],
      ]);
      expect(received.map((e) => e.type)).toEqual(['A', 'B', 'C']);
      double.injectEvent('$stats-127.0.0.1:2113', '$statistics-collected', { cpu: 5 });
      expect(await store.headPosition()).toBe(all[2].position);
    });

    it('given a $ stream or a $ event type, when appending, then RangeError before any call', async () => {
      await startDouble();
      const store = connect();

      await expect(store.append('$settings', [event('A')], 'any')).rejects.toBeInstanceOf(
        RangeError,
      );
      await expect(store.append('s', [event('$metadata')], 'any')).rejects.toBeInstanceOf(
        RangeError,
      );
      expect(double.calls).toEqual([]);
    });
  });

  describe('event ids', () => {
    it('given an event id that is not a UUID, when appending, then it round-trips and EventStoreDB gets a deterministic UUID v5', async () => {
      await startDouble();
      const store = connect();

      await store.append('s', [{ ...event('A'), eventId: 'same-id' }], 'no_stream');

      const [read] = await store.readStream('s');
      expect(read.eventId).toBe('same-id');
      expect(read.metadata).toStrictEqual(metadataFor('esdb-spec'));
      expect(double.events[0].eventId).toBe(esdbEventId('same-id'));
      expect(esdbEventId('same-id')).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      const upper = randomUUID().toUpperCase();
      expect(esdbEventId(upper)).toBe(upper.toLowerCase());
    });

    it('given an upper-case UUID id, when read back, then exactly as given', async () => {
      await startDouble();
      const store = connect();
      const id = randomUUID().toUpperCase();

      await store.append('s', [{ ...event('A'), eventId: id }], 'no_stream');

      expect((await store.readStream('s'))[0].eventId).toBe(id);
    });
  });

  describe('subscriptions and a server that goes away', () => {
    it('given a live subscription, when the server stops, then onError gets UNAVAILABLE; after a restart on the same port, a new subscription from the last position continues', async () => {
      await startDouble();
      const store = connect();
      const received: RecordedEvent[] = [];
      const errors: unknown[] = [];
      const first = store.subscribe((e) => void received.push(e), {
        onError: (err) => errors.push(err),
      });
      await store.append('s', [event('A'), event('B')], 'no_stream');
      await waitUntil(() => received.length >= 2);

      await double.stop();
      await waitUntil(() => errors.length >= 1);
      await first.stop();

      expect(errors).toHaveLength(1);
      expect(isUnavailableError(errors[0])).toBe(true);

      await double.start();
      const resumed = store.subscribe((e) => void received.push(e), {
        afterPosition: received[received.length - 1].position,
        onError: (err) => errors.push(err),
      });
      try {
        await store.append('s', [event('C')], 1);
        await waitUntil(() => received.length >= 3);
        await sleep(50);
      } finally {
        await resumed.stop();
      }
      expect(received.map((e) => e.type)).toEqual(['A', 'B', 'C']);
      expect(errors).toHaveLength(1);
    });

    it('given a live subscription, when the connection is dropped abruptly, then onError is called once', async () => {
      await startDouble();
      const store = connect();
      const errors: unknown[] = [];
      const subscription = store.subscribe(() => undefined, { onError: (err) => errors.push(err) });
      await store.append('s', [event('A')], 'no_stream');
      await waitUntil(() => double.liveSubscriptionCount === 1);

      await double.stop({ abrupt: true });
      await waitUntil(() => errors.length >= 1);
      await sleep(50);
      await subscription.stop();

      expect(errors).toHaveLength(1);
    });

    it('given the server restarts between calls, when reading and appending, then the adapter reconnects through UNAVAILABLE retries', async () => {
      await startDouble();
      const store = connect({ retryAttempts: 10, retryBackoffMsMin: 20, retryBackoffMsMax: 100 });
      await store.append('s', [event('A')], 'no_stream');

      await double.stop();
      const restarting = sleep(150).then(() => double.start());
      const read = store.readStream('s');
      await restarting;

      expect((await read).map((e) => e.type)).toEqual(['A']);
      expect((await store.append('s', [event('B')], 0)).nextExpectedRevision).toBe(1);
    });

    it('given a subscription stopped while its handler runs, when stop resolves, then the handler has finished and nothing more arrives', async () => {
      await startDouble();
      const store = connect();
      let finished = 0;
      const subscription = store.subscribe(async () => {
        await sleep(100);
        finished++;
      });
      await store.append('s', [event('A'), event('B')], 'no_stream');
      await sleep(30);

      await subscription.stop();

      expect(finished).toBe(1);
      await sleep(150);
      expect(finished).toBe(1);
      expect(double.liveSubscriptionCount).toBe(0);
    });
  });

  describe('close', () => {
    it('given a closed store, when used, then it refuses; close is idempotent and stops subscriptions', async () => {
      await startDouble();
      const store = connect();
      const subscription = store.subscribe(() => undefined);

      await store.close();
      await store.close();

      await expect(store.readAll()).rejects.toThrow(/closed/);
      await expect(store.append('s', [event('A')], 'any')).rejects.toThrow(/closed/);
      await expect(subscription.stop()).resolves.toBeUndefined();
    });
  });
});
