import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import {
  describeEventStoreContract,
  metadataFor,
  sleep,
  waitUntil,
} from '../../test-support/event-store.contract';
import { ConcurrencyError, EventToAppend, RecordedEvent } from '../event-store.port';
import { InlineProjector, SQLITE_EVENT_STORE_LIMITS, SqliteEventStore } from './sqlite-event-store';

function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ledger-test-event-store-'));
}

function event(type: string, data: Record<string, unknown> = {}): EventToAppend {
  return { type, data, metadata: metadataFor('sqlite-spec') };
}

describeEventStoreContract('SqliteEventStore', async () => {
  const dataDir = makeTempDir();
  const store = SqliteEventStore.open({ dataDir });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
});

describe('SqliteEventStore (SQLite-specific)', () => {
  let dataDir: string;
  const opened: SqliteEventStore[] = [];
  const open = (options: Partial<Parameters<typeof SqliteEventStore.open>[0]> = {}) => {
    const store = SqliteEventStore.open({ dataDir, ...options });
    opened.push(store);
    return store;
  };

  beforeEach(() => {
    dataDir = makeTempDir();
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('open', () => {
    it('given a missing nested data dir, when opening, then it is created with ledger.sqlite in WAL, synchronous FULL, schema version 4', () => {
      const nestedDir = join(dataDir, 'nested', 'data');

      const store = open({ dataDir: nestedDir });

      expect(existsSync(join(nestedDir, 'ledger.sqlite'))).toBe(true);
      const db = store.database;
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(10_000);
      expect(db.pragma('user_version', { simple: true })).toBe(4);
    });

    it('given a file name, when opening, then that file is used', () => {
      open({ fileName: 'other.sqlite' });
      expect(existsSync(join(dataDir, 'other.sqlite'))).toBe(true);
      expect(existsSync(join(dataDir, 'ledger.sqlite'))).toBe(false);
    });

    it('given a file from a newer schema version, when opening, then it refuses', async () => {
      const store = open();
      store.database.pragma('user_version = 99');
      await store.close();

      expect(() => SqliteEventStore.open({ dataDir })).toThrow(/schema version 99/);
    });

    it('given a poll interval out of range, when opening, then RangeError', () => {
      expect(() => open({ pollIntervalMs: 0 })).toThrow(RangeError);
      expect(() => open({ pollIntervalMs: 1.5 })).toThrow(RangeError);
    });
  });

  describe('append', () => {
    it('given a refused append, when the next append succeeds, then its position follows the head with no gap', async () => {
      const store = open();
      await store.append('s', [event('A')], 'no_stream');
      const head = await store.headPosition();
      await expect(store.append('s', [event('B'), event('C')], 5)).rejects.toBeInstanceOf(
        ConcurrencyError,
      );

      const result = await store.append('s', [event('B')], 0);

      expect(result.position).toBe(head + 1);
    });

    it('given more than 10,000 events, when appending, then RangeError and nothing is written', async () => {
      const store = open();
      const events = Array.from({ length: 10_001 }, () => event('Many'));

      await expect(store.append('s', events, 'any')).rejects.toBeInstanceOf(RangeError);

      expect(await store.headPosition()).toBe(0);
    });

    it('given exactly 10,000 events, when appending, then all are written with revisions 0..9999', async () => {
      const store = open();
      const events = Array.from({ length: 10_000 }, (_, n) => event('Many', { n }));

      const result = await store.append('s', events, 'no_stream');

      expect(result).toEqual({ nextExpectedRevision: 9_999, position: 10_000 });
    });

    it('given a duplicate event id, when appending, then the append fails and leaves no trace', async () => {
      const store = open();
      await store.append('s', [{ ...event('A'), eventId: 'same-id' }], 'no_stream');

      await expect(
        store.append('t', [event('B'), { ...event('C'), eventId: 'same-id' }], 'no_stream'),
        // Matched by code, not toThrow: better-sqlite3's native addon keeps the
        // SqliteError class of the first jest sandbox in this worker, so in a
        // later test file it is not `instanceof Error` of this realm.
      ).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });

      expect(await store.readStream('t')).toEqual([]);
      expect(await store.headPosition()).toBe(1);
      await store.append('t', [event('B')], 'no_stream');
    });

    it('given events without ids, when appending, then the store keeps none and reads back UUIDv8 ids of the position and the file, the same after reopening', async () => {
      const store = open();
      await store.append('s', [event('A'), event('B')], 'no_stream');
      await store.append('t', [event('C')], 'no_stream');
      const recorded = await store.readAll();
      const ids = recorded.map((e) => e.eventId);

      // None held, so none in the event_id index: an append pays no insert into it (ADR 0020 §96).
      expect(store.database.prepare('SELECT event_id FROM events').pluck().all()).toEqual([
        null,
        null,
        null,
      ]);
      expect(ids).toHaveLength(3);
      recorded.forEach(({ eventId, position }) => {
        expect(eventId).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        );
        expect(parseInt(eventId.slice(0, 8) + eventId.slice(9, 13), 16)).toBe(position);
      });
      expect(new Set(ids).size).toBe(3);
      expect([...ids].sort()).toEqual(ids);
      // An append answers with the ids a read gives.
      expect((await store.readStream('s')).map((e) => e.eventId)).toEqual(ids.slice(0, 2));
      await store.close();
      opened.splice(opened.indexOf(store), 1);

      const again = open();
      expect((await again.readAll()).map((e) => e.eventId)).toEqual(ids);
      const other = open({ fileName: 'other.sqlite' });
      await other.append('s', [event('A')], 'no_stream');
      // Another file's salt: position 1 there is another id.
      expect((await other.readAll())[0].eventId).not.toBe(ids[0]);
    });

    it("given a caller's id of the form the store derives for this file, when appending, then TypeError and nothing is written; another form is kept as given", async () => {
      const store = open();
      await store.append('s', [event('A')], 'no_stream');
      const [derived] = (await store.readAll()).map((e) => e.eventId);
      const next = `00000000-0009${derived.slice(13)}`;

      await expect(
        store.append('t', [{ ...event('B'), eventId: next }], 'no_stream'),
      ).rejects.toBeInstanceOf(TypeError);
      expect(await store.headPosition()).toBe(1);
      const foreign = `00000000-0009-8000-8000-000000000000`;
      await store.append('t', [{ ...event('B'), eventId: foreign }], 'no_stream');
      expect((await store.readStream('t'))[0].eventId).toBe(foreign);
    });

    it('given invalid input, when appending, then a RangeError or TypeError before any write', async () => {
      const store = open();
      await expect(store.append('', [event('A')], 'any')).rejects.toBeInstanceOf(RangeError);
      await expect(store.append('s', [event('A')], -1)).rejects.toBeInstanceOf(RangeError);
      await expect(store.append('s', [event('A')], 1.5)).rejects.toBeInstanceOf(RangeError);
      await expect(store.append('s', [event('')], 'any')).rejects.toBeInstanceOf(RangeError);
      const arrayData = { ...event('A'), data: [] as unknown as Record<string, unknown> };
      await expect(store.append('s', [arrayData], 'any')).rejects.toBeInstanceOf(TypeError);
      const huge = event('A', {
        blob: 'x'.repeat(SQLITE_EVENT_STORE_LIMITS.eventJsonLengthMax + 1),
      });
      await expect(store.append('s', [huge], 'any')).rejects.toBeInstanceOf(RangeError);
      expect(await store.headPosition()).toBe(0);
    });

    it('given empty filter lists, when reading $all, then RangeError', async () => {
      const store = open();
      await expect(store.readAll({ streamPrefixes: [] })).rejects.toBeInstanceOf(RangeError);
      expect(() => store.subscribe(() => undefined, { eventTypes: [] })).toThrow(RangeError);
    });

    it('given a closed store, when appending or reading, then it refuses', async () => {
      const store = open();
      await store.close();

      await expect(store.append('s', [event('A')], 'any')).rejects.toThrow(/closed/);
      await expect(store.readAll()).rejects.toThrow(/closed/);
      await store.close();
    });
  });

  describe('inline projector', () => {
    function counterProjector(): InlineProjector & { seen: RecordedEvent[][] } {
      const seen: RecordedEvent[][] = [];
      return {
        seen,
        applyInTransaction(db: Database.Database, events: RecordedEvent[]) {
          seen.push(events);
          const upsert = db.prepare(
            'INSERT INTO rm_counts (stream, n, last_position) VALUES (?, 1, ?) ' +
              'ON CONFLICT (stream) DO UPDATE SET n = n + 1, last_position = excluded.last_position',
          );
          for (const e of events) {
            if (e.type === 'Poison') throw new Error('projector refused');
            upsert.run(e.stream, e.position);
          }
        },
      };
    }

    function openWithReadModel(projector: InlineProjector): SqliteEventStore {
      const store = open();
      store.database.exec(
        'CREATE TABLE rm_counts (stream TEXT PRIMARY KEY, n INTEGER NOT NULL, last_position INTEGER NOT NULL)',
      );
      store.setInlineProjector(projector);
      return store;
    }

    const counts = (store: SqliteEventStore) =>
      store.database
        .prepare('SELECT stream, n, last_position AS lastPosition FROM rm_counts')
        .all();

    it('given an inline projector, when appending, then it sees the recorded events with positions and its writes are committed with them', async () => {
      const projector = counterProjector();
      const store = openWithReadModel(projector);

      const result = await store.append('s', [event('A', { x: 1 }), event('B')], 'no_stream');

      expect(projector.seen).toHaveLength(1);
      expect(projector.seen[0].map((e) => [e.revision, e.position, e.type])).toEqual([
        [0, 1, 'A'],
        [1, 2, 'B'],
      ]);
      expect(projector.seen[0][0].data).toEqual({ x: 1 });
      expect(counts(store)).toEqual([{ stream: 's', n: 2, lastPosition: result.position }]);
    });

    it('given an inline projector that throws, when appending, then its error propagates and the events, the stream revision and its own writes are all rolled back', async () => {
      const store = openWithReadModel(counterProjector());
      await store.append('s', [event('A')], 'no_stream');

      const refused = store.append('s', [event('B'), event('Poison')], 0);

      await expect(refused).rejects.toThrow('projector refused');
      expect((await store.readStream('s')).map((e) => e.type)).toEqual(['A']);
      expect(await store.headPosition()).toBe(1);
      expect(counts(store)).toEqual([{ stream: 's', n: 1, lastPosition: 1 }]);
      const next = await store.append('s', [event('B')], 0);
      expect(next).toEqual({ nextExpectedRevision: 1, position: 2 });
    });

    it('given an inline projector that throws on a new stream, when appending, then the stream stays absent', async () => {
      const store = openWithReadModel(counterProjector());

      await expect(store.append('fresh', [event('Poison')], 'no_stream')).rejects.toThrow();

      expect(await store.append('fresh', [], 'no_stream')).toEqual({
        nextExpectedRevision: -1,
        position: 0,
      });
    });

    it('given an inline projector passed at open, when appending, then it runs', async () => {
      const projector: InlineProjector & { calls: number } = {
        calls: 0,
        applyInTransaction() {
          this.calls++;
        },
      };
      const store = open({ inlineProjector: projector });

      await store.append('s', [event('A')], 'any');
      await store.append('s', [], 'any');

      expect(projector.calls).toBe(1);
    });
  });

  describe('durability and sharing', () => {
    it('given appended events, when the store is closed and reopened, then they are all there', async () => {
      const first = open();
      await first.append('s', [event('A', { n: 1 }), event('B', { n: 2 })], 'no_stream');
      await first.append('t', [event('C', { n: 3 })], 'no_stream');
      const before = await first.readAll();
      await first.close();

      const reopened = open();

      expect(await reopened.readAll()).toEqual(before);
      expect(await reopened.headPosition()).toBe(3);
      await expect(reopened.append('s', [event('D')], 0)).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await reopened.append('s', [event('D')], 1)).position).toBe(4);
    });

    it('given two instances on one file, when the first appends, then the second sees it through readAll and headPosition', async () => {
      const writer = open();
      const reader = open();

      await writer.append('s', [event('A')], 'no_stream');

      expect((await reader.readAll()).map((e) => e.type)).toEqual(['A']);
      expect(await reader.headPosition()).toBe(1);
      await expect(reader.append('s', [event('B')], 'no_stream')).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
    });

    it('given two instances on one file, when the first appends, then a subscription on the second receives it by polling', async () => {
      const writer = open({ pollIntervalMs: 60_000 });
      const reader = open({ pollIntervalMs: 20 });
      const received: RecordedEvent[] = [];
      const subscription = reader.subscribe((e) => void received.push(e), {
        streamPrefixes: ['s'],
      });

      await writer.append('s', [event('A'), event('B')], 'no_stream');
      await writer.append('other', [event('X')], 'no_stream');
      await writer.append('s', [event('C')], 1);
      await waitUntil(() => received.length >= 3, 2_000);
      await sleep(100);
      await subscription.stop();

      expect(received.map((e) => [e.type, e.position])).toEqual([
        ['A', 1],
        ['B', 2],
        ['C', 4],
      ]);
    });

    it('given a long poll interval, when appending in the same instance, then the subscription is woken at once', async () => {
      const store = open({ pollIntervalMs: 60_000 });
      const received: RecordedEvent[] = [];
      const subscription = store.subscribe((e) => void received.push(e));
      await sleep(20);

      const startedAt = Date.now();
      await store.append('s', [event('A')], 'any');
      await waitUntil(() => received.length >= 1, 1_000);

      expect(Date.now() - startedAt).toBeLessThan(1_000);
      await subscription.stop();
    });

    it('given more events than a catch-up page, when subscribing from 0, then all arrive in order exactly once', async () => {
      const store = open();
      for (let batch = 0; batch < 3; batch++) {
        const events = Array.from({ length: 400 }, (_, i) => event('E', { n: batch * 400 + i }));
        await store.append('s', events, 'any');
      }
      await store.append('t', [event('Skip')], 'any');
      await store.append('s', [event('E', { n: 1200 })], 'any');
      const received: number[] = [];

      const subscription = store.subscribe((e) => void received.push(e.data.n as number), {
        eventTypes: ['E'],
      });
      await waitUntil(() => received.length >= 1201);
      await store.append('s', [event('E', { n: 1201 })], 'any');
      await waitUntil(() => received.length >= 1202);
      await subscription.stop();

      expect(received).toEqual(Array.from({ length: 1202 }, (_, n) => n));
    });

    it('given a running subscription, when the store is closed, then the subscription stops and close resolves', async () => {
      const store = open();
      const received: RecordedEvent[] = [];
      const subscription = store.subscribe((e) => void received.push(e));
      await store.append('s', [event('A')], 'any');
      await waitUntil(() => received.length >= 1);

      await store.close();

      await expect(subscription.stop()).resolves.toBeUndefined();
    });

    it('given a subscription after position 2, when subscribing, then events 1 and 2 are skipped', async () => {
      const store = open();
      await store.append('s', [event('A'), event('B'), event('C')], 'any');
      const received: number[] = [];

      const subscription = store.subscribe((e) => void received.push(e.position), {
        afterPosition: 2,
      });
      await waitUntil(() => received.length >= 1);
      await sleep(50);
      await subscription.stop();

      expect(received).toEqual([3]);
    });
  });
});
