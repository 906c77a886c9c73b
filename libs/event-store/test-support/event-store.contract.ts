import { randomUUID } from 'node:crypto';
import {
  ConcurrencyError,
  EventMetadata,
  EventStore,
  EventToAppend,
  RecordedEvent,
} from '../src/event-store.port';

/**
 * The behaviour every EventStore adapter must have. It uses only the port, and
 * it does not assume an empty store: each test works in streams under its own
 * unique prefix and reads `$all` after the head it saw first, so the same suite
 * runs against a shared EventStoreDB node.
 */
export function describeEventStoreContract(
  name: string,
  makeStore: () => Promise<{ store: EventStore; cleanup: () => Promise<void> }>,
): void {
  describe(`${name}: event store contract`, () => {
    let store: EventStore;
    let cleanup: () => Promise<void>;
    /** Unique per test: stream prefix and event-type prefix. */
    let ns: string;
    const stream = (suffix: string) => `${ns}-${suffix}`;
    const type = (suffix: string) => `${ns}.${suffix}`;
    const event = (suffix: string, data: Record<string, unknown> = {}): EventToAppend => ({
      type: type(suffix),
      data,
      metadata: metadataFor(suffix),
    });

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
      ns = `c${randomUUID().replace(/-/g, '')}`;
    });

    afterEach(async () => {
      await cleanup();
    });

    /** Everything appended by this test, in `$all` order. */
    async function readOwn(afterPosition: number): Promise<RecordedEvent[]> {
      return store.readAll({ afterPosition, streamPrefixes: [ns] });
    }

    describe('append', () => {
      it('given no stream, when appending with no_stream, then revisions start at 0 and positions increase', async () => {
        const head = await store.headPosition();

        const result = await store.append(stream('a'), [event('A1'), event('A2')], 'no_stream');

        const read = await store.readStream(stream('a'));
        expect(read.map((e) => e.revision)).toEqual([0, 1]);
        expect(read.map((e) => e.type)).toEqual([type('A1'), type('A2')]);
        expect(read.every((e) => e.stream === stream('a'))).toBe(true);
        expect(read[0].position).toBeGreaterThan(head);
        expect(read[1].position).toBeGreaterThan(read[0].position);
        expect(result).toEqual({ nextExpectedRevision: 1, position: read[1].position });
        expect(await store.headPosition()).toBeGreaterThanOrEqual(result.position);
      });

      it('given a stream at revision 1, when appending with expected revision 1, then the events get revisions 2 and 3', async () => {
        await store.append(stream('a'), [event('A1'), event('A2')], 'no_stream');

        const result = await store.append(stream('a'), [event('A3'), event('A4')], 1);

        expect(result.nextExpectedRevision).toBe(3);
        const read = await store.readStream(stream('a'));
        expect(read.map((e) => [e.revision, e.type])).toEqual([
          [0, type('A1')],
          [1, type('A2')],
          [2, type('A3')],
          [3, type('A4')],
        ]);
      });

      it('given expected revision any, when appending to an absent and then to an existing stream, then both succeed', async () => {
        const first = await store.append(stream('a'), [event('A1')], 'any');
        const second = await store.append(stream('a'), [event('A2')], 'any');

        expect(first.nextExpectedRevision).toBe(0);
        expect(second.nextExpectedRevision).toBe(1);
        expect(second.position).toBeGreaterThan(first.position);
      });

      it('given an existing stream, when appending with no_stream, then ConcurrencyError and nothing is written', async () => {
        await store.append(stream('a'), [event('A1')], 'no_stream');
        const head = await store.headPosition();

        const refused = store.append(stream('a'), [event('A2')], 'no_stream');

        await expect(refused).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(refused).rejects.toMatchObject({
          stream: stream('a'),
          expected: 'no_stream',
          actual: 0,
        });
        expect((await store.readStream(stream('a'))).map((e) => e.type)).toEqual([type('A1')]);
        expect(await store.headPosition()).toBe(head);
      });

      it('given an absent stream, when appending with an exact revision, then ConcurrencyError with actual no_stream', async () => {
        const refused = store.append(stream('a'), [event('A1')], 0);

        await expect(refused).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(refused).rejects.toMatchObject({ expected: 0, actual: 'no_stream' });
        expect(await store.readStream(stream('a'))).toEqual([]);
      });

      it('given a stream at revision 2, when appending with a stale revision, then ConcurrencyError and no trace in the stream, $all or the head', async () => {
        const start = await store.headPosition();
        await store.append(stream('a'), [event('A1'), event('A2'), event('A3')], 'no_stream');
        const streamBefore = await store.readStream(stream('a'));
        const allBefore = await readOwn(start);
        const head = await store.headPosition();

        const refused = store.append(stream('a'), [event('Stale1'), event('Stale2')], 1);

        await expect(refused).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(refused).rejects.toMatchObject({
          stream: stream('a'),
          expected: 1,
          actual: 2,
        });
        expect(await store.readStream(stream('a'))).toEqual(streamBefore);
        expect(await readOwn(start)).toEqual(allBefore);
        expect(await store.readAll({ afterPosition: start, eventTypes: [type('Stale1')] })).toEqual(
          [],
        );
        expect(await store.headPosition()).toBe(head);
      });

      it('given a refused append, when appending again with the right revision, then the stream accepts it (not bricked)', async () => {
        await store.append(stream('a'), [event('A1'), event('A2')], 'no_stream');
        await expect(store.append(stream('a'), [event('Stale')], 0)).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        await expect(store.append(stream('a'), [event('Dup')], 'no_stream')).rejects.toBeInstanceOf(
          ConcurrencyError,
        );

        const result = await store.append(stream('a'), [event('A3')], 1);
        const next = await store.append(stream('a'), [event('A4')], 'any');

        expect(result.nextExpectedRevision).toBe(2);
        expect(next.nextExpectedRevision).toBe(3);
        const read = await store.readStream(stream('a'));
        expect(read.map((e) => e.type)).toEqual([type('A1'), type('A2'), type('A3'), type('A4')]);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      });

      it('given two appends racing with the same expected revision, when both run, then exactly one wins', async () => {
        await store.append(stream('a'), [event('A1')], 'no_stream');

        const outcomes = await Promise.allSettled([
          store.append(stream('a'), [event('Left')], 0),
          store.append(stream('a'), [event('Right')], 0),
        ]);

        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        const rejected = outcomes.filter((o) => o.status === 'rejected');
        expect(rejected).toHaveLength(1);
        expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
        expect((await store.readStream(stream('a'))).map((e) => e.revision)).toEqual([0, 1]);
      });

      it('given an event id, when appending, then it is kept; given none, then a unique one is made', async () => {
        const given = randomUUID();

        await store.append(stream('a'), [{ ...event('A1'), eventId: given }, event('A2')], 'any');
        await store.append(stream('a'), [event('A3')], 'any');

        const ids = (await store.readStream(stream('a'))).map((e) => e.eventId);
        expect(ids[0]).toBe(given);
        expect(ids[1]).toEqual(expect.any(String));
        expect(ids[1].length).toBeGreaterThan(0);
        expect(new Set(ids).size).toBe(3);
      });

      it('given an empty event list and a matching expected revision, when appending, then nothing is written and the current revision and last position are returned', async () => {
        const written = await store.append(stream('a'), [event('A1'), event('A2')], 'no_stream');
        const head = await store.headPosition();

        const exact = await store.append(stream('a'), [], 1);
        const any = await store.append(stream('a'), [], 'any');

        expect(exact).toEqual({ nextExpectedRevision: 1, position: written.position });
        expect(any).toEqual(exact);
        expect(await store.readStream(stream('a'))).toHaveLength(2);
        expect(await store.headPosition()).toBe(head);
      });

      it('given an empty event list and an absent stream, when appending with no_stream, then revision -1 and position 0 are returned and the stream stays absent', async () => {
        const result = await store.append(stream('absent'), [], 'no_stream');

        expect(result).toEqual({ nextExpectedRevision: -1, position: 0 });
        expect(await store.readStream(stream('absent'))).toEqual([]);
        await store.append(stream('absent'), [event('A1')], 'no_stream');
      });

      it('given an empty event list and a wrong expected revision, when appending, then ConcurrencyError', async () => {
        await store.append(stream('a'), [event('A1')], 'no_stream');

        await expect(store.append(stream('a'), [], 5)).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(store.append(stream('a'), [], 'no_stream')).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
        await expect(store.append(stream('absent'), [], 0)).rejects.toBeInstanceOf(
          ConcurrencyError,
        );
      });

      it('given metadata with every field and nested data, when read back, then both round-trip exactly', async () => {
        const metadata: EventMetadata = {
          actor: 'officer-07 王小明',
          role: 'reviewer',
          businessDate: '2024-02-29',
          recordedAt: '2024-03-01T08:15:30.123Z',
          policyVersion: 'datong-2024-v3',
          correlationId: randomUUID(),
          causationId: randomUUID(),
          idempotencyKey: 'idem-"quoted"-\\-\n',
        };
        const data = {
          amountFen: 123456789,
          negativeFen: -1,
          ratio: 0.125,
          flag: false,
          nothing: null,
          list: [1, 'two', { three: [3] }],
          nested: { deep: { deeper: 'é🙂' } },
          empty: {},
        };

        // A position the store returned, not read.position - 1: positions may
        // be byte offsets (EventStoreDB), where only event boundaries are valid.
        const before = await store.headPosition();
        await store.append(stream('a'), [{ type: type('Meta'), data, metadata }], 'no_stream');

        const [read] = await store.readStream(stream('a'));
        const [viaAll] = await store.readAll({
          afterPosition: before,
          maxCount: 1,
          streamPrefixes: [ns],
        });
        expect(read.metadata).toStrictEqual(metadata);
        expect(read.data).toStrictEqual(data);
        expect(viaAll).toStrictEqual(read);
      });

      it('given minimal metadata, when read back, then no optional field appears', async () => {
        const metadata = metadataFor('minimal');

        await store.append(stream('a'), [{ type: type('Min'), data: {}, metadata }], 'no_stream');

        const [read] = await store.readStream(stream('a'));
        expect(read.metadata).toStrictEqual(metadata);
        expect(Object.keys(read.metadata).sort()).toEqual(Object.keys(metadata).sort());
      });
    });

    describe('readStream', () => {
      beforeEach(async () => {
        await store.append(
          stream('r'),
          [0, 1, 2, 3, 4].map((n) => event(`E${n}`, { n })),
          'no_stream',
        );
      });

      const numbersOf = (events: RecordedEvent[]) => events.map((e) => e.data.n);

      it('given a stream of 5, when reading with no options, then all events forwards', async () => {
        const read = await store.readStream(stream('r'));
        expect(numbersOf(read)).toEqual([0, 1, 2, 3, 4]);
        expect(read.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
      });

      it('given a stream of 5, when reading backwards, then all events last first', async () => {
        expect(numbersOf(await store.readStream(stream('r'), { direction: 'backwards' }))).toEqual([
          4, 3, 2, 1, 0,
        ]);
      });

      it('given a stream of 5, when reading forwards from revision 2, then revisions 2..4 (inclusive)', async () => {
        expect(numbersOf(await store.readStream(stream('r'), { fromRevision: 2 }))).toEqual([
          2, 3, 4,
        ]);
      });

      it('given a stream of 5, when reading backwards from revision 2, then revisions 2..0', async () => {
        const read = await store.readStream(stream('r'), {
          direction: 'backwards',
          fromRevision: 2,
        });
        expect(numbersOf(read)).toEqual([2, 1, 0]);
      });

      it('given a stream of 5, when reading with maxCount 2 both ways, then the first two and the last two', async () => {
        expect(numbersOf(await store.readStream(stream('r'), { maxCount: 2 }))).toEqual([0, 1]);
        expect(
          numbersOf(await store.readStream(stream('r'), { direction: 'backwards', maxCount: 2 })),
        ).toEqual([4, 3]);
        expect(
          numbersOf(await store.readStream(stream('r'), { fromRevision: 1, maxCount: 2 })),
        ).toEqual([1, 2]);
      });

      it('given a stream of 5, when reading forwards from revision 5, then []', async () => {
        expect(await store.readStream(stream('r'), { fromRevision: 5 })).toEqual([]);
      });

      it('given a stream that was never written, when reading either way, then []', async () => {
        expect(await store.readStream(stream('never'))).toEqual([]);
        expect(await store.readStream(stream('never'), { direction: 'backwards' })).toEqual([]);
      });

      it('given streams sharing a prefix, when reading one, then only its own events', async () => {
        await store.append(stream('r-other'), [event('Other')], 'no_stream');
        await store.append(stream(''), [event('Short')], 'no_stream');

        const read = await store.readStream(stream('r'));

        expect(read.every((e) => e.stream === stream('r'))).toBe(true);
        expect(read).toHaveLength(5);
      });
    });

    describe('readAll', () => {
      let start: number;
      let written: RecordedEvent[];

      beforeEach(async () => {
        start = await store.headPosition();
        await store.append(
          stream('enterprise-1'),
          [event('Registered'), event('Suspended')],
          'any',
        );
        await store.append(stream('person-1'), [event('CapReserved')], 'any');
        await store.append(stream('enterprise-2'), [event('Registered')], 'any');
        await store.append(stream('case-1'), [event('Opened')], 'any');
        written = await readOwn(start);
      });

      it('given appends to several streams, when reading $all after a position, then they come in append order with increasing positions', async () => {
        expect(written.map((e) => [e.stream, e.type])).toEqual([
          [stream('enterprise-1'), type('Registered')],
          [stream('enterprise-1'), type('Suspended')],
          [stream('person-1'), type('CapReserved')],
          [stream('enterprise-2'), type('Registered')],
          [stream('case-1'), type('Opened')],
        ]);
        for (let i = 1; i < written.length; i++) {
          expect(written[i].position).toBeGreaterThan(written[i - 1].position);
        }
        expect(written[0].position).toBeGreaterThan(start);
      });

      it('given a position, when reading after it, then that position is excluded', async () => {
        const after = await store.readAll({
          afterPosition: written[1].position,
          streamPrefixes: [ns],
        });
        expect(after.map((e) => e.eventId)).toEqual(written.slice(2).map((e) => e.eventId));
      });

      it('given maxCount 2, when reading $all, then the first two after the position', async () => {
        const page = await store.readAll({
          afterPosition: start,
          maxCount: 2,
          streamPrefixes: [ns],
        });
        expect(page).toEqual(written.slice(0, 2));
      });

      it('given paging by the last position read, when reading to the end, then every event exactly once', async () => {
        const seen: RecordedEvent[] = [];
        let cursor = start;
        for (let page = 0; page < 10; page++) {
          const batch = await store.readAll({
            afterPosition: cursor,
            maxCount: 2,
            streamPrefixes: [ns],
          });
          if (batch.length === 0) break;
          seen.push(...batch);
          cursor = batch[batch.length - 1].position;
        }
        expect(seen).toEqual(written);
      });

      it('given stream prefixes, when reading $all, then only streams starting with one of them', async () => {
        const read = await store.readAll({
          afterPosition: start,
          streamPrefixes: [stream('enterprise-'), stream('case-')],
        });
        expect(read.map((e) => e.stream)).toEqual([
          stream('enterprise-1'),
          stream('enterprise-1'),
          stream('enterprise-2'),
          stream('case-1'),
        ]);
      });

      it('given a prefix in another letter case, when reading $all, then nothing matches (prefixes are case-sensitive)', async () => {
        const read = await store.readAll({
          afterPosition: start,
          streamPrefixes: [stream('ENTERPRISE-')],
        });
        expect(read).toEqual([]);
      });

      it('given event types, when reading $all, then only those types', async () => {
        const read = await store.readAll({
          afterPosition: start,
          eventTypes: [type('Registered'), type('Opened')],
        });
        expect(read.map((e) => [e.stream, e.type])).toEqual([
          [stream('enterprise-1'), type('Registered')],
          [stream('enterprise-2'), type('Registered')],
          [stream('case-1'), type('Opened')],
        ]);
      });

      it('given a stream prefix and event types together, when reading $all, then events matching both', async () => {
        const read = await store.readAll({
          afterPosition: start,
          streamPrefixes: [stream('enterprise-')],
          eventTypes: [type('Suspended'), type('Opened')],
        });
        expect(read.map((e) => [e.stream, e.type])).toEqual([
          [stream('enterprise-1'), type('Suspended')],
        ]);
      });

      it('given the head position, when reading after it, then []', async () => {
        const head = await store.headPosition();
        expect(await store.readAll({ afterPosition: head, streamPrefixes: [ns] })).toEqual([]);
        expect(head).toBeGreaterThanOrEqual(written[written.length - 1].position);
      });
    });

    describe('subscribe', () => {
      it('given events before subscribing, when subscribing with a filter and appending more, then catch-up and live events arrive in order, once', async () => {
        const start = await store.headPosition();
        await store.append(stream('s-1'), [event('Keep', { n: 1 }), event('Drop')], 'any');
        await store.append(stream('other-1'), [event('Keep', { n: -1 })], 'any');
        await store.append(stream('s-2'), [event('Keep', { n: 2 })], 'any');
        const received: RecordedEvent[] = [];

        const subscription = store.subscribe((e) => void received.push(e), {
          afterPosition: start,
          streamPrefixes: [stream('s-')],
          eventTypes: [type('Keep')],
        });
        try {
          await waitUntil(() => received.length >= 2);
          await store.append(stream('s-1'), [event('Keep', { n: 3 }), event('Drop')], 'any');
          await store.append(stream('other-1'), [event('Keep', { n: -2 })], 'any');
          await store.append(
            stream('s-3'),
            [event('Keep', { n: 4 }), event('Keep', { n: 5 })],
            'any',
          );
          await waitUntil(() => received.length >= 5);
          await sleep(150);
        } finally {
          await subscription.stop();
        }

        expect(received.map((e) => e.data.n)).toEqual([1, 2, 3, 4, 5]);
        expect(new Set(received.map((e) => e.eventId)).size).toBe(5);
        for (let i = 1; i < received.length; i++) {
          expect(received[i].position).toBeGreaterThan(received[i - 1].position);
        }
      });

      it('given an async handler, when events arrive, then it is awaited one event at a time', async () => {
        const start = await store.headPosition();
        let running = 0;
        let runningMax = 0;
        const received: number[] = [];
        const subscription = store.subscribe(
          async (e) => {
            running++;
            runningMax = Math.max(runningMax, running);
            await sleep(5);
            received.push(e.data.n as number);
            running--;
          },
          { afterPosition: start, streamPrefixes: [ns] },
        );
        try {
          await store.append(
            stream('a'),
            [1, 2, 3].map((n) => event('E', { n })),
            'any',
          );
          await store.append(
            stream('b'),
            [4, 5].map((n) => event('E', { n })),
            'any',
          );
          await waitUntil(() => received.length >= 5);
        } finally {
          await subscription.stop();
        }

        expect(received).toEqual([1, 2, 3, 4, 5]);
        expect(runningMax).toBe(1);
      });

      it('given event types only, when subscribing, then exactly those types arrive (not types they prefix), catch-up then live', async () => {
        const start = await store.headPosition();
        await store.append(
          stream('a'),
          [event('Keep', { n: 1 }), event('KeepMore', { n: -1 })],
          'any',
        );
        const received: RecordedEvent[] = [];

        const subscription = store.subscribe((e) => void received.push(e), {
          afterPosition: start,
          eventTypes: [type('Keep')],
        });
        try {
          await waitUntil(() => received.length >= 1);
          await store.append(
            stream('b'),
            [event('KeepMore', { n: -2 }), event('Keep', { n: 2 })],
            'any',
          );
          await waitUntil(() => received.length >= 2);
          await sleep(150);
        } finally {
          await subscription.stop();
        }

        expect(received.map((e) => [e.stream, e.type, e.data.n])).toEqual([
          [stream('a'), type('Keep'), 1],
          [stream('b'), type('Keep'), 2],
        ]);
      });

      it('given the position of an earlier event, when subscribing after it, then that event is excluded and later ones arrive', async () => {
        const start = await store.headPosition();
        await store.append(
          stream('a'),
          [1, 2, 3].map((n) => event('E', { n })),
          'no_stream',
        );
        const [, second] = await store.readAll({ afterPosition: start, streamPrefixes: [ns] });
        const received: number[] = [];

        const subscription = store.subscribe((e) => void received.push(e.data.n as number), {
          afterPosition: second.position,
          streamPrefixes: [ns],
        });
        try {
          await waitUntil(() => received.length >= 1);
          await store.append(stream('a'), [event('E', { n: 4 })], 2);
          await waitUntil(() => received.length >= 2);
          await sleep(100);
        } finally {
          await subscription.stop();
        }

        expect(received).toEqual([3, 4]);
      });

      it('given a stopped subscription, when appending, then nothing more arrives and stop resolved', async () => {
        const start = await store.headPosition();
        const received: RecordedEvent[] = [];
        const subscription = store.subscribe((e) => void received.push(e), {
          afterPosition: start,
          streamPrefixes: [ns],
        });
        await store.append(stream('a'), [event('Before')], 'any');
        await waitUntil(() => received.length >= 1);

        await subscription.stop();
        await store.append(stream('a'), [event('After')], 'any');
        await sleep(150);

        expect(received.map((e) => e.type)).toEqual([type('Before')]);
        await subscription.stop();
      });

      it('given a handler that throws, when an event arrives, then the subscription stops, onError gets the error and later events are not delivered', async () => {
        const start = await store.headPosition();
        const failure = new Error('projection failed');
        const received: number[] = [];
        const errors: unknown[] = [];
        const subscription = store.subscribe(
          (e) => {
            if (e.data.n === 2) throw failure;
            received.push(e.data.n as number);
          },
          { afterPosition: start, streamPrefixes: [ns], onError: (err) => errors.push(err) },
        );

        await store.append(
          stream('a'),
          [1, 2, 3].map((n) => event('E', { n })),
          'any',
        );
        await waitUntil(() => errors.length >= 1);
        await store.append(stream('a'), [event('E', { n: 4 })], 'any');
        await sleep(150);
        await subscription.stop();

        expect(errors).toEqual([failure]);
        expect(received).toEqual([1]);
      });
    });
  });
}

export function metadataFor(actor: string): EventMetadata {
  return {
    actor,
    role: 'tester',
    businessDate: '2024-05-01',
    recordedAt: '2024-05-01T09:00:00.000Z',
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `condition` every 10 ms; fails after `timeoutMs` rather than hanging the suite. */
export async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
}
