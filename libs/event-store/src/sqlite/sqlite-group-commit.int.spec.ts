import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { metadataFor, waitUntil } from '../../test-support/event-store.contract';
import { runInAppendScope } from '../append-scope';
import { ConcurrencyError, EventToAppend, RecordedEvent } from '../event-store.port';
import {
  GROUP_COMMIT_ENV,
  InlineProjector,
  SqliteEventStore,
  SqliteEventStoreOptions,
} from './sqlite-event-store';

/**
 * Group commit (ADR 0006): appends made in one turn of the event loop share a
 * transaction, and each one that is refused is refused alone.
 */
describe('SqliteEventStore group commit', () => {
  let dataDir: string;
  const opened: SqliteEventStore[] = [];
  const open = (options: Partial<SqliteEventStoreOptions> = {}) => {
    const store = SqliteEventStore.open({ dataDir, ...options });
    opened.push(store);
    return store;
  };
  const event = (type: string, data: Record<string, unknown> = {}): EventToAppend => ({
    type,
    data,
    metadata: metadataFor('group-commit-spec'),
  });
  const positions = async (store: SqliteEventStore) =>
    (await store.readAll()).map((e) => [e.stream, e.type, e.position]);

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-test-group-commit-'));
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('given 50 concurrent appends to different streams, when they settle, then all are written in fewer transactions than appends, with positions 1..50 in call order', async () => {
    const store = open();

    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.append(`s-${i}`, [event('A', { i })], 'no_stream'),
      ),
    );

    expect(results.map((r) => r.position)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(results.every((r) => r.nextExpectedRevision === 0)).toBe(true);
    const stats = store.appendStats();
    expect(stats.appends).toBe(50);
    expect(stats.transactions).toBeLessThan(50);
    expect(stats.transactions).toBe(1);
    expect(stats.largestBatch).toBe(50);
    expect((await store.readAll()).map((e) => e.data.i)).toEqual(
      Array.from({ length: 50 }, (_, i) => i),
    );
  });

  it('given two appends to one stream with the same expected revision in one batch, when they settle, then the first commits, the second alone gets ConcurrencyError, and the others commit without a gap', async () => {
    const store = open();
    await store.append('s', [event('A')], 'no_stream');
    const before = store.appendStats();

    const settled = await Promise.allSettled([
      store.append('a', [event('A1')], 'no_stream'),
      store.append('s', [event('First')], 0),
      store.append('s', [event('Second1'), event('Second2')], 0),
      store.append('b', [event('B1')], 'no_stream'),
    ]);

    expect(store.appendStats().transactions - before.transactions).toBe(1);
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    const refused = (settled[2] as PromiseRejectedResult).reason as ConcurrencyError;
    expect(refused).toBeInstanceOf(ConcurrencyError);
    expect(refused).toMatchObject({ stream: 's', expected: 0, actual: 1 });
    expect(await positions(store)).toEqual([
      ['s', 'A', 1],
      ['a', 'A1', 2],
      ['s', 'First', 3],
      ['b', 'B1', 4],
    ]);
    expect((await store.append('s', [event('Next')], 1)).position).toBe(5);
  });

  it('given a batch with an append refused by its expected revision, when they settle, then the inline projector is called once with the events of the appends that hold, in position order', async () => {
    const store = open();
    await store.append('s', [event('A')], 'no_stream');
    const seen: [string, number][][] = [];
    store.setInlineProjector({
      applyInTransaction(_db: Database.Database, events: RecordedEvent[]) {
        seen.push(events.map((e) => [e.stream, e.position]));
      },
    });

    const settled = await Promise.allSettled([
      store.append('a', [event('A1')], 'no_stream'),
      store.append('s', [event('Stale')], 'no_stream'),
      store.append('b', [event('B1'), event('B2')], 'no_stream'),
    ]);

    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(seen).toEqual([
      [
        ['a', 2],
        ['b', 3],
        ['b', 4],
      ],
    ]);
  });

  it('given an append whose scope throws a ConcurrencyError after its rows are written, when its batch settles, then only it is refused and its rows leave no trace', async () => {
    const store = open();
    const stale = {
      inSqliteTransaction() {
        throw new ConcurrencyError('elsewhere', 0, 1);
      },
    };

    const settled = await Promise.allSettled([
      store.append('a', [event('A1')], 'no_stream'),
      runInAppendScope(stale, () => store.append('s', [event('Written')], 'no_stream')),
      store.append('b', [event('B1')], 'no_stream'),
    ]);

    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await positions(store)).toEqual([
      ['a', 'A1', 1],
      ['b', 'B1', 2],
    ]);
    expect(await store.append('s', [], 'no_stream')).toEqual({
      nextExpectedRevision: -1,
      position: 0,
    });
  });

  it('given an inline projector that throws on one append of a batch, when they settle, then only that caller gets the error and its events, stream and projector writes leave no trace', async () => {
    const store = open();
    store.database.exec(
      'CREATE TABLE rm_counts (stream TEXT PRIMARY KEY, n INTEGER NOT NULL, last_position INTEGER NOT NULL)',
    );
    const seen: RecordedEvent[][] = [];
    const projector: InlineProjector = {
      applyInTransaction(db: Database.Database, events: RecordedEvent[]) {
        seen.push(events);
        const upsert = db.prepare(
          'INSERT INTO rm_counts (stream, n, last_position) VALUES (?, 1, ?) ' +
            'ON CONFLICT (stream) DO UPDATE SET n = n + 1, last_position = excluded.last_position',
        );
        for (const e of events) {
          upsert.run(e.stream, e.position); // written before the throw: must be undone
          if (e.type === 'Poison') throw new Error('projector refused');
        }
      },
    };
    store.setInlineProjector(projector);

    const settled = await Promise.allSettled([
      store.append('a', [event('A')], 'no_stream'),
      store.append('p', [event('Fine'), event('Poison')], 'no_stream'),
      store.append('b', [event('B')], 'no_stream'),
    ]);

    expect(store.appendStats()).toMatchObject({ appends: 3, transactions: 1 });
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toEqual(new Error('projector refused'));
    // The batch's first try projects all of its events at once; the throw
    // undoes it whole, and the batch runs again one savepoint per append.
    expect(seen.map((batch) => batch.map((e) => [e.stream, e.position]))).toEqual([
      [
        ['a', 1],
        ['p', 2],
        ['p', 3],
        ['b', 4],
      ],
      [['a', 1]],
      [
        ['p', 2],
        ['p', 3],
      ],
      [['b', 2]],
    ]);
    expect(await positions(store)).toEqual([
      ['a', 'A', 1],
      ['b', 'B', 2],
    ]);
    expect(await store.readStream('p')).toEqual([]);
    expect(await store.append('p', [], 'no_stream')).toEqual({
      nextExpectedRevision: -1,
      position: 0,
    });
    expect(
      store.database.prepare('SELECT stream, n, last_position AS at FROM rm_counts').all(),
    ).toEqual([
      { stream: 'a', n: 1, at: 1 },
      { stream: 'b', n: 1, at: 2 },
    ]);
  });

  it('given a duplicate event id on one append of a batch, when they settle, then only that append fails', async () => {
    const store = open();

    const settled = await Promise.allSettled([
      store.append('a', [{ ...event('A'), eventId: 'same' }], 'no_stream'),
      store.append('b', [event('B1'), { ...event('B2'), eventId: 'same' }], 'no_stream'),
      store.append('c', [event('C')], 'no_stream'),
    ]);

    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({
      code: 'SQLITE_CONSTRAINT_UNIQUE',
    });
    expect(await positions(store)).toEqual([
      ['a', 'A', 1],
      ['c', 'C', 2],
    ]);
  });

  it('given a check-only append in a batch, when it settles, then it sees the appends queued before it', async () => {
    const store = open();

    const [, check] = await Promise.all([
      store.append('s', [event('A'), event('B')], 'no_stream'),
      store.append('s', [], 1),
    ]);

    expect(check).toEqual({ nextExpectedRevision: 1, position: 2 });
  });

  it('given bounds of 4 appends and 5 events, when 10 appends of 2 events arrive at once, then no transaction holds more than 2 appends and all commit in order', async () => {
    const store = open({ groupCommit: { maxAppends: 4, maxEvents: 5 } });

    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => store.append(`s-${i}`, [event('A'), event('B')], 'any')),
    );

    expect(results.map((r) => r.position)).toEqual(Array.from({ length: 10 }, (_, i) => 2 * i + 2));
    expect(store.appendStats()).toEqual({ appends: 10, transactions: 5, largestBatch: 2 });
  });

  it('given a bound of 3 appends, when one append is larger than the event bound, then it still goes, alone', async () => {
    const store = open({ groupCommit: { maxAppends: 3, maxEvents: 2 } });

    await Promise.all([
      store.append('big', [event('A'), event('B'), event('C')], 'no_stream'),
      store.append('x', [event('X')], 'no_stream'),
      store.append('y', [event('Y')], 'no_stream'),
    ]);

    expect(store.appendStats()).toEqual({ appends: 3, transactions: 2, largestBatch: 2 });
  });

  it('given group commit off, by option or by environment, when appends arrive at once, then each has its own transaction', async () => {
    const byOption = open({ groupCommit: false });
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => byOption.append(`s-${i}`, [event('A')], 'no_stream')),
    );
    expect(byOption.appendStats()).toEqual({ appends: 5, transactions: 5, largestBatch: 1 });

    process.env[GROUP_COMMIT_ENV] = 'off';
    let byEnv: SqliteEventStore;
    try {
      byEnv = open({ fileName: 'env.sqlite' });
    } finally {
      delete process.env[GROUP_COMMIT_ENV];
    }
    expect(byEnv.groupCommit).toBeUndefined();
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => byEnv.append(`s-${i}`, [event('A')], 'no_stream')),
    );
    expect(byEnv.appendStats().transactions).toBe(5);
  });

  it('given bounds out of range, when opening, then RangeError', () => {
    expect(() => open({ groupCommit: { maxAppends: 0 } })).toThrow(RangeError);
    expect(() => open({ groupCommit: { maxEvents: 1.5 } })).toThrow(RangeError);
    expect(() => open({ groupCommit: { maxAppends: 10_001 } })).toThrow(RangeError);
  });

  it('given an acknowledged append, when another connection reads, then it is committed (the promise settles after COMMIT)', async () => {
    const writer = open();
    const reader = open();

    const results = await Promise.all([
      writer.append('a', [event('A')], 'no_stream'),
      writer.append('b', [event('B')], 'no_stream'),
    ]);

    expect(results.map((r) => r.position)).toEqual([1, 2]);
    expect(await reader.headPosition()).toBe(2);
  });

  it('given appends still queued, when the store is closed, then they are committed before the file closes', async () => {
    const store = open();
    const pending = [
      store.append('a', [event('A')], 'no_stream'),
      store.append('b', [event('B')], 'no_stream'),
    ];

    await store.close();

    await expect(Promise.all(pending)).resolves.toHaveLength(2);
    await expect(store.append('c', [event('C')], 'any')).rejects.toThrow(/closed/);
    const reopened = open();
    expect(await positions(reopened)).toEqual([
      ['a', 'A', 1],
      ['b', 'B', 2],
    ]);
  });

  it('given a live subscription, when a batch commits, then it receives every event of the batch in order, once', async () => {
    const store = open({ pollIntervalMs: 60_000 });
    const received: number[] = [];
    const subscription = store.subscribe((e) => void received.push(e.position));

    await Promise.allSettled([
      store.append('a', [event('A')], 'no_stream'),
      store.append('a', [event('Refused')], 'no_stream'),
      store.append('b', [event('B1'), event('B2')], 'no_stream'),
    ]);
    await waitUntil(() => received.length >= 3, 1_000);
    await subscription.stop();

    expect(received).toEqual([1, 2, 3]);
  });
});
