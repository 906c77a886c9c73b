import { killWhen } from '../../test-support/kill-when';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { metadataFor } from '../../test-support/event-store.contract';
import { ConcurrencyError, EventToAppend, RecordedEvent } from '../event-store.port';
import { SqliteEventStore, SqliteEventStoreOptions } from './sqlite-event-store';

const ROOT = resolve(__dirname, '../../../..');
const CRASH_WORKER = join(ROOT, 'libs/event-store/test-support/append-all-crash.worker.ts');

/**
 * `appendAll` (issue #14): several streams in one transaction, all or nothing,
 * each at its expected revision, alone, in a group commit, or with group
 * commit off.
 */
describe('SqliteEventStore appendAll', () => {
  let dataDir: string;
  const opened: SqliteEventStore[] = [];
  const open = (options: Partial<SqliteEventStoreOptions> = {}) => {
    const store = SqliteEventStore.open({ dataDir, ...options });
    opened.push(store);
    return store;
  };
  const event = (type: string): EventToAppend => ({
    type,
    data: {},
    metadata: metadataFor('append-all-spec'),
  });
  const positions = async (store: SqliteEventStore) =>
    (await store.readAll()).map((e) => [e.stream, e.type, e.position]);
  /** What a refused part must not leave: an event, a stream row, a position. */
  const noTrace = async (store: SqliteEventStore, stream: string) => {
    expect(await store.readStream(stream)).toEqual([]);
    expect(await store.append(stream, [], 'no_stream')).toEqual({
      nextExpectedRevision: -1,
      position: 0,
    });
  };

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-test-append-all-'));
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each([
    ['group commit on', {}],
    ['group commit off', { groupCommit: false as const }],
  ])(
    'given %s, when parts of three streams are appended at their revisions, then all are written in one transaction with one result per part',
    async (_label, options) => {
      const store = open(options);
      await store.append('x', [event('X0')], 'no_stream');
      const before = store.appendStats();

      const results = await store.appendAll!([
        { stream: 'x', events: [event('X1')], expected: 0 },
        { stream: 'y', events: [event('Y0'), event('Y1')], expected: 'no_stream' },
        { stream: 'z', events: [], expected: 'no_stream' },
      ]);

      expect(results).toEqual([
        { nextExpectedRevision: 1, position: 2 },
        { nextExpectedRevision: 1, position: 4 },
        { nextExpectedRevision: -1, position: 0 },
      ]);
      expect(store.appendStats().transactions - before.transactions).toBe(1);
      expect(await positions(store)).toEqual([
        ['x', 'X0', 1],
        ['x', 'X1', 2],
        ['y', 'Y0', 3],
        ['y', 'Y1', 4],
      ]);
    },
  );

  it.each([
    ['alone', {}],
    ['group commit off', { groupCommit: false as const }],
  ])(
    'given a stale last part, %s, when appended, then ConcurrencyError and no part leaves a trace',
    async (_label, options) => {
      const store = open(options);
      await store.append('guard', [event('G0'), event('G1')], 'no_stream');

      const refused = store.appendAll!([
        { stream: 'p', events: [event('P')], expected: 'no_stream' },
        { stream: 'q', events: [event('Q')], expected: 'no_stream' },
        { stream: 'guard', events: [event('G2')], expected: 0 },
      ]);

      await expect(refused).rejects.toBeInstanceOf(ConcurrencyError);
      await noTrace(store, 'p');
      await noTrace(store, 'q');
      expect((await store.append('r', [event('R')], 'no_stream')).position).toBe(3);
    },
  );

  it('given a batch where one appendAll has a stale check-only part, when they settle, then it alone is refused, none of its parts is written or projected, and the others commit without a gap', async () => {
    const store = open();
    await store.append('notice', [event('N0')], 'no_stream');
    const seen: [string, number][][] = [];
    store.setInlineProjector({
      applyInTransaction(_db: Database.Database, events: RecordedEvent[]) {
        seen.push(events.map((e) => [e.stream, e.position]));
      },
    });

    const settled = await Promise.allSettled([
      store.append('notice', [event('N1')], 0),
      store.appendAll!([
        { stream: 'pay', events: [event('Paid')], expected: 'no_stream' },
        { stream: 'notice', events: [], expected: 0 }, // read before N1: stale
      ]),
      store.appendAll!([
        { stream: 'pay-2', events: [event('Paid')], expected: 'no_stream' },
        { stream: 'ref-2', events: [event('Claimed'), event('Settled')], expected: 'no_stream' },
      ]),
    ]);

    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    expect(store.appendStats()).toMatchObject({ transactions: 2, largestBatch: 3 });
    await noTrace(store, 'pay');
    expect(seen).toEqual([
      [
        ['notice', 2],
        ['pay-2', 3],
        ['ref-2', 4],
        ['ref-2', 5],
      ],
    ]);
  });

  it('given two appendAlls of the same revisions racing, when they settle, then exactly one holds and the other is refused whole', async () => {
    const store = open();
    await store.append('tranche', [event('Approved')], 'no_stream');
    const line = (ref: string) =>
      store.appendAll!([
        { stream: ref, events: [event('Claimed')], expected: 'no_stream' },
        { stream: 'tranche', events: [event('Paid')], expected: 0 },
      ]);

    const settled = await Promise.allSettled([line('ref-a'), line('ref-b')]);

    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected']);
    await noTrace(store, 'ref-b');
    expect(await positions(store)).toEqual([
      ['tranche', 'Approved', 1],
      ['ref-a', 'Claimed', 2],
      ['tranche', 'Paid', 3],
    ]);
  });

  it('given an inline projector that throws on one part, when its batch settles, then that appendAll alone is refused and none of its parts leaves a trace', async () => {
    const store = open();
    store.setInlineProjector({
      applyInTransaction(_db: Database.Database, events: RecordedEvent[]) {
        if (events.some((e) => e.type === 'Poison')) throw new Error('projector refused');
      },
    });

    const settled = await Promise.allSettled([
      store.append('a', [event('A')], 'no_stream'),
      store.appendAll!([
        { stream: 'p', events: [event('Fine')], expected: 'no_stream' },
        { stream: 'q', events: [event('Poison')], expected: 'no_stream' },
      ]),
      store.append('b', [event('B')], 'no_stream'),
    ]);

    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    await noTrace(store, 'p');
    await noTrace(store, 'q');
    expect(await positions(store)).toEqual([
      ['a', 'A', 1],
      ['b', 'B', 2],
    ]);
  });

  it('given a stream named twice or no parts, when appended, then TypeError and nothing is written', async () => {
    const store = open();
    await expect(
      store.appendAll!([
        { stream: 's', events: [event('A')], expected: 'no_stream' },
        { stream: 's', events: [event('B')], expected: 'no_stream' },
      ]),
    ).rejects.toBeInstanceOf(TypeError);
    await expect(store.appendAll!([])).rejects.toBeInstanceOf(TypeError);
    await noTrace(store, 's');
  });

  it('given a process appending three streams at a time, when it is killed with SIGKILL mid-run, then every acknowledged appendAll is whole and none is half-written', async () => {
    const { stdout, signal } = await killWhen(
      CRASH_WORKER,
      [dataDir],
      ROOT,
      (out) => (out.match(/acked/g) ?? []).length >= 300,
    );
    expect(signal).toBe('SIGKILL');
    const acked = [...stdout.matchAll(/acked (\d+) \d+\n/g)].map((m) => Number(m[1]));

    const store = open();
    const byLine = new Map<number, Set<string>>();
    for (const e of await store.readAll()) {
      const n = e.data.n as number;
      const streams = byLine.get(n) ?? new Set<string>();
      streams.add(e.stream);
      byLine.set(n, streams);
    }
    for (const n of acked) expect(byLine.get(n)?.size).toBe(3);
    for (const [n, streams] of byLine) {
      expect([n, [...streams].sort()]).toEqual([n, [`a-${n}`, `b-${n}`, `c-${n}`]]);
    }
    expect(byLine.size).toBeGreaterThanOrEqual(acked.length);
  }, 60_000);
});
