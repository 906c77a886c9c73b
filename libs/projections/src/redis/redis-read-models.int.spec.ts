import { spawn } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import Redis, { RedisOptions } from 'ioredis';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { longStory, readAllOf } from '../../test-support/long-story';
import { RedisServerHandle, startRedisServer } from '../../test-support/redis-server';
import { enterpriseBalanceProjection } from '../enterprise-balance.projection';
import { LEDGER_PROJECTIONS } from '../projections';
import { dumpSqliteReadModels } from '../rebuild';
import { SqliteReadModels } from '../sqlite/sqlite-read-model.store';
import { metadata } from '../testing/ledger-events.fixture';
import { fractionalTrancheApproval, recordedStory, story } from '../testing/seat-subsidy.story';
import { dumpRedisReadModels, rebuildRedisReadModels } from './rebuild-redis';
import {
  RedisReadModels,
  RedisReadModelsGapError,
  RedisReadModelsRebuildingError,
  RedisReadModelsVersionError,
} from './redis-read-models';

jest.setTimeout(120_000);

const REPO = join(__dirname, '../../../..');
const { e1, e2, p1, p2, p3, a1, a2 } = story;
const zero = { approvedFen: 0, disbursedFen: 0, clawbackDueFen: 0, recoveredFen: 0 };
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function sqliteOf(events: readonly RecordedEvent[]) {
  const db = new Database(':memory:');
  const readModels = new SqliteReadModels(db);
  readModels.applyEvents(events);
  return { db, readModels };
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

describe('RedisReadModels against a private redis-server', () => {
  let server: RedisServerHandle;
  const clients: Redis[] = [];
  let prefixes = 0;

  const client = (url = server.url, options: RedisOptions = {}): Redis => {
    const redis = new Redis(url, options);
    clients.push(redis);
    return redis;
  };
  const freshPrefix = () => `t${++prefixes}:`;

  beforeAll(async () => {
    server = await startRedisServer({ appendonly: true, appendfsync: 'everysec' });
  });

  afterAll(async () => {
    for (const c of clients.splice(0)) c.disconnect();
    await server?.dispose();
  });

  describe('given the seat-subsidy story applied to Redis and to SQLite', () => {
    const events = recordedStory();
    let redis: Redis;
    let keyPrefix: string;
    let readModels: RedisReadModels;
    let sqlite: ReturnType<typeof sqliteOf>;

    beforeAll(async () => {
      redis = client();
      keyPrefix = freshPrefix();
      readModels = new RedisReadModels(redis, { keyPrefix });
      // One at a time, as the projector's subscription feeds them.
      for (const event of events) expect(await readModels.applyEvent(event)).toBe('applied');
      sqlite = sqliteOf(events);
    });

    afterAll(() => sqlite.db.close());

    it('when dumped, then the Redis read models equal the SQLite ones row for row', async () => {
      const redisDump = await dumpRedisReadModels(redis, keyPrefix);
      const sqliteDump = dumpSqliteReadModels(sqlite.db);
      expect(redisDump).toEqual(sqliteDump);
      expect(redisDump['balance_entries']).toHaveLength(3);
      expect(redisDump['duplicate_claims']).toHaveLength(1);
      expect(redisDump['read_model_documents'].length).toBeGreaterThan(0);
      expect(await readModels.checkpoint()).toBe(events.length);
    });

    it("when the programme-year report is asked (issue #14), then Redis answers as SQLite, with the story's enterprises named", async () => {
      const fromRedis = await readModels.programmeYear(2023);
      expect(fromRedis).toEqual(await sqlite.readModels.programmeYear(2023));
      expect(fromRedis.totals.approvedFen).toBeGreaterThan(0);
      expect(fromRedis.totals.paidFen).toBeGreaterThan(0);
      expect(fromRedis.parties.length).toBeGreaterThan(0);
      expect(fromRedis.parties.every((p) => typeof p.name === 'string')).toBe(true);
    });

    it('when every balance is asked as of every date and as known at every instant, then Redis answers as SQLite', async () => {
      const dates = [
        '2022-12-31',
        ...new Set(events.map((e) => e.metadata.businessDate)),
        '2023-02-07',
        '2023-03-31',
        '2023-12-31',
      ];
      const instants = [
        undefined,
        '2023-04-01T00:00:00Z',
        '2023-04-10T11:00:00+08:00',
        '2023-04-10T02:59:59.999Z',
        ...new Set(events.map((e) => e.metadata.recordedAt)),
        ...events.map((e) => new Date(Date.parse(e.metadata.recordedAt) - 1).toISOString()),
      ];
      let compared = 0;
      for (const enterpriseId of [e1.enterpriseId, e2.enterpriseId, 'unknown']) {
        for (const asOf of dates) {
          for (const asKnownAt of instants) {
            const fromRedis = await readModels.enterpriseBalance(enterpriseId, asOf, asKnownAt);
            expect(fromRedis).toEqual(
              await sqlite.readModels.enterpriseBalance(enterpriseId, asOf, asKnownAt),
            );
            compared++;
          }
        }
      }
      for (const personKey of [p1.personKey, p2.personKey, p3.personKey, 'nobody']) {
        for (const asOf of [undefined, ...dates]) {
          for (const asKnownAt of instants) {
            expect(await readModels.personCap(personKey, asOf, asKnownAt)).toEqual(
              await sqlite.readModels.personCap(personKey, asOf, asKnownAt),
            );
            compared++;
          }
        }
      }
      expect(compared).toBeGreaterThan(1_000);

      // And the answers themselves are the story's.
      const today = await readModels.enterpriseBalance(e1.enterpriseId, '2023-12-31');
      const seat = { ...zero, approvedFen: 250_000, disbursedFen: 250_000 };
      expect(today).toEqual({ programmes: { seat }, totals: seat });
      const asOfPayment = await readModels.enterpriseBalance(
        e1.enterpriseId,
        '2023-03-31',
        '2023-04-10T02:59:59.999Z',
      );
      expect(asOfPayment.totals).toEqual({ ...zero, approvedFen: 250_000 });
      expect(await readModels.personCap(p2.personKey, '2023-02-07')).toEqual({
        usedFen: 250_000,
        byEnterprise: [{ enterpriseId: e1.enterpriseId, usedFen: 250_000 }],
      });
    });

    it('when views, duplicate claims and open processes are asked for, then Redis answers as SQLite', async () => {
      for (const id of [a1, a2, 'sa-none']) {
        expect(await readModels.seatApplication(id)).toEqual(
          await sqlite.readModels.seatApplication(id),
        );
      }
      expect(await readModels.seatApplication(a1)).toMatchObject({ applicationId: a1 });
      for (const id of [story.publicityId, 'pub-none']) {
        expect(await readModels.publicity(id)).toEqual(await sqlite.readModels.publicity(id));
      }
      for (const id of [story.disbursementId, 'dis-none']) {
        expect(await readModels.disbursement(id)).toEqual(await sqlite.readModels.disbursement(id));
      }
      const duplicates = await readModels.duplicateClaims();
      expect(duplicates).toHaveLength(1);
      const position = duplicates[0].position;
      for (const query of [
        {},
        { enterpriseId: e1.enterpriseId },
        { enterpriseId: e2.enterpriseId },
        { afterPosition: position - 1 },
        { afterPosition: position },
        { limit: 1 },
        { enterpriseId: e2.enterpriseId, afterPosition: 0, limit: 1_000 },
      ]) {
        expect(await readModels.duplicateClaims(query)).toEqual(
          await sqlite.readModels.duplicateClaims(query),
        );
      }
      for (const limit of [undefined, 1, 1_000]) {
        expect(await readModels.openProcesses(limit)).toEqual(
          await sqlite.readModels.openProcesses(limit),
        );
      }
      expect(await readModels.openProcesses()).toHaveLength(1);
    });

    it('when asked with bad arguments, then Redis refuses what SQLite refuses', async () => {
      const bad: [string, (m: RedisReadModels | SqliteReadModels) => Promise<unknown>][] = [
        ['asOf', (m) => m.enterpriseBalance(e1.enterpriseId, '2023-02-30')],
        ['asKnownAt', (m) => m.enterpriseBalance(e1.enterpriseId, '2023-02-01', 'yesterday')],
        ['cap asOf', (m) => m.personCap(p1.personKey, '20230201')],
        ['limit 0', (m) => m.openProcesses(0)],
        ['limit 1001', (m) => m.duplicateClaims({ limit: 1_001 })],
        ['afterPosition', (m) => m.duplicateClaims({ afterPosition: -1 })],
      ];
      for (const [, ask] of bad) {
        await expect(ask(readModels)).rejects.toThrow(RangeError);
        await expect(ask(sqlite.readModels)).rejects.toThrow(RangeError);
      }
    });

    it('when every event is applied again, in order, out of order and in pieces, then nothing changes', async () => {
      const before = await dumpRedisReadModels(redis, keyPrefix);
      expect(await readModels.applyEvents(events)).toEqual({ applied: 0, skipped: events.length });
      for (const event of shuffled(events, 7)) {
        expect(await readModels.applyEvent(event)).toBe('skipped');
      }
      expect(await readModels.applyEvents(events.slice(3, 9), { afterPosition: 3 })).toEqual({
        applied: 0,
        skipped: 6,
      });
      // Another instance, with nothing cached.
      const other = new RedisReadModels(client(), { keyPrefix, documentCacheSize: 0 });
      expect(await other.applyEvents(events.slice(10))).toEqual({
        applied: 0,
        skipped: events.length - 10,
      });
      expect(await dumpRedisReadModels(redis, keyPrefix)).toEqual(before);
    });

    it('when rebuilt from zero, in place and under another prefix, then the dump equals the incremental one', async () => {
      const live = await dumpRedisReadModels(redis, keyPrefix);
      const elsewhere = freshPrefix();
      const pages: number[] = [];
      const readAll = readAllOf(events);
      const result = await rebuildRedisReadModels(
        redis,
        async (after, max) => {
          const page = await readAll(after, max);
          pages.push(page.length);
          return page;
        },
        { keyPrefix: elsewhere, pageSize: 10 },
      );
      expect(pages).toEqual([10, 10, 10, 0]);
      expect(result).toEqual({ events: events.length, position: events.length });
      expect(await dumpRedisReadModels(redis, elsewhere)).toEqual(live);

      // Junk under the prefix goes too.
      await redis.set(`${keyPrefix}doc:seat_application:junk`, '{"junk":true}');
      await redis.zadd(`${keyPrefix}rows:balance_entries:enterpriseId:junk`, 1, 'junk');
      await rebuildRedisReadModels(redis, readAll, { keyPrefix });
      expect(await dumpRedisReadModels(redis, keyPrefix)).toEqual(live);
      expect(await redis.exists(`${keyPrefix}rebuilding`)).toBe(0);
      // And the live instance carries on from the rebuilt checkpoint.
      const noted = {
        ...events[0],
        eventId: 'noted',
        type: 'Noted',
        data: {},
        position: events.length + 1,
      };
      expect(await readModels.applyEvent(noted)).toBe('applied');
      expect(await readModels.checkpoint()).toBe(events.length + 1);
    });
  });

  it('given a run that does not follow the checkpoint, when applied with afterPosition, then it is refused and nothing is written', async () => {
    const events = recordedStory();
    const keyPrefix = freshPrefix();
    const redis = client();
    const readModels = new RedisReadModels(redis, { keyPrefix });
    await expect(readModels.applyEvents(events.slice(10), { afterPosition: 10 })).rejects.toThrow(
      RedisReadModelsGapError,
    );
    expect(await readModels.checkpoint()).toBe(0);
    expect(await redis.keys(`${keyPrefix}*`)).toEqual([]);
    await expect(readModels.applyEvents([events[4], events[2]])).rejects.toThrow(RangeError);
    await expect(readModels.applyEvents(events.slice(3), { afterPosition: 3 })).rejects.toThrow(
      RedisReadModelsGapError,
    );
    expect(await readModels.applyEvents(events.slice(0, 3), { afterPosition: 0 })).toEqual({
      applied: 3,
      skipped: 0,
    });
    expect(await readModels.applyEvents(events.slice(3), { afterPosition: 3 })).toEqual({
      applied: events.length - 3,
      skipped: 0,
    });
    const sqlite = sqliteOf(events);
    expect(await dumpRedisReadModels(redis, keyPrefix)).toEqual(dumpSqliteReadModels(sqlite.db));
    sqlite.db.close();
  });

  it('given three appliers on three connections feeding the same long log in different orders and chunks, then each event is applied exactly once and the dump is that of one applier', async () => {
    const events = longStory(20, { positionStep: 3 }); // 600 events, with gaps
    const single = freshPrefix();
    await new RedisReadModels(client(), { keyPrefix: single }).applyEvents(events);
    const expected = await dumpRedisReadModels(client(), single);

    const keyPrefix = freshPrefix();
    const a = new RedisReadModels(client(), { keyPrefix, batchSize: 16 });
    const b = new RedisReadModels(client(), { keyPrefix, documentCacheSize: 0 });
    const c = new RedisReadModels(client(), { keyPrefix });
    const watcher = new RedisReadModels(client(), { keyPrefix });
    let applied = 0;
    let gapsRefused = 0;
    let watching = true;
    const seen: number[] = [];

    const inChunks = async () => {
      for (const chunk of chunks(events, 7)) {
        const after = events[events.indexOf(chunk[0]) - 1]?.position ?? 0;
        const result = await a.applyEvents(chunk, { afterPosition: after });
        applied += result.applied;
      }
    };
    const inShuffledChunks = async () => {
      const queue = shuffled(chunks(events, 11), 42);
      while (queue.length > 0) {
        const chunk = queue.shift()!;
        const after = events[events.indexOf(chunk[0]) - 1]?.position ?? 0;
        try {
          const result = await b.applyEvents(chunk, { afterPosition: after });
          applied += result.applied;
        } catch (err) {
          if (!(err instanceof RedisReadModelsGapError)) throw err;
          gapsRefused++;
          queue.push(chunk);
          await sleep(1);
        }
      }
    };
    const oneByOne = async () => {
      for (const event of events) {
        if ((await c.applyEvent(event)) === 'applied') applied++;
      }
    };
    const watch = async () => {
      while (watching) {
        seen.push(await watcher.checkpoint());
        await sleep(2);
      }
    };

    const watched = watch();
    await Promise.all([inChunks(), inShuffledChunks(), oneByOne()]);
    watching = false;
    await watched;

    expect(applied).toBe(events.length);
    expect(gapsRefused).toBeGreaterThan(0);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((x, y) => x - y));
    expect(await dumpRedisReadModels(client(), keyPrefix)).toEqual(expected);

    const sqlite = sqliteOf(events);
    expect(expected).toEqual(dumpSqliteReadModels(sqlite.db));
    sqlite.db.close();
  });

  it('given the read models reset behind an instance that has documents cached, when it applies its next run, then the guard sends it back to read and the run is refused as a gap', async () => {
    const events = recordedStory();
    const keyPrefix = freshPrefix();
    const redis = client();
    const cached = new RedisReadModels(redis, { keyPrefix });
    await cached.applyEvents(events.slice(0, 20));
    // Someone wipes the keys and writes the first 5 events again, elsewhere.
    await redis.unlink(...(await redis.keys(`${keyPrefix}*`)));
    await new RedisReadModels(client(), { keyPrefix }).applyEvents(events.slice(0, 5));
    // The cache says "at 20" and this event needs no document, so no read:
    // written onto the state at 5 it would lose 6..20.
    const noted = { ...events[20], type: 'Noted', data: {} };
    await expect(cached.applyEvents([noted], { afterPosition: 20 })).rejects.toThrow(
      RedisReadModelsGapError,
    );
    expect(await cached.checkpoint()).toBe(5);
    await cached.applyEvents(events.slice(5), { afterPosition: 5 });
    const sqlite = sqliteOf(events);
    expect(await dumpRedisReadModels(redis, keyPrefix)).toEqual(dumpSqliteReadModels(sqlite.db));
    sqlite.db.close();
  });

  it('given an event a projection refuses, when applied in a run, then the events before it are applied and the checkpoint stops just before it', async () => {
    const events = recordedStory().slice(0, 5);
    const bad: RecordedEvent = {
      ...events[0],
      eventId: 'bad',
      position: 6,
      stream: `seat-application-${a1}`,
      ...fractionalTrancheApproval(),
      metadata: metadata('2023-02-01T00:00:00.000Z', '2023-02-01'),
    } as RecordedEvent;
    const keyPrefix = freshPrefix();
    const readModels = new RedisReadModels(client(), { keyPrefix });
    await expect(readModels.applyEvents([...events, bad])).rejects.toThrow(
      /amount_fen must be an integer/,
    );
    expect(await readModels.checkpoint()).toBe(5);
    const sqlite = sqliteOf(events);
    expect(await dumpRedisReadModels(client(), keyPrefix)).toEqual(dumpSqliteReadModels(sqlite.db));
    sqlite.db.close();
  });

  it('given the script cache flushed, when events are applied, then EVALSHA falls back to loading the script', async () => {
    const events = recordedStory();
    const keyPrefix = freshPrefix();
    const redis = client();
    const readModels = new RedisReadModels(redis, { keyPrefix });
    await readModels.applyEvents(events.slice(0, 10));
    await redis.script('FLUSH');
    await readModels.applyEvents(events.slice(10, 20), { afterPosition: 10 });
    await redis.script('FLUSH');
    for (const event of events.slice(20)) await readModels.applyEvent(event);
    const sqlite = sqliteOf(events);
    expect(await dumpRedisReadModels(redis, keyPrefix)).toEqual(dumpSqliteReadModels(sqlite.db));
    sqlite.db.close();
  });

  it('given a projection version bump, when the old read models are written to, then they are refused until rebuilt', async () => {
    const events = recordedStory();
    const keyPrefix = freshPrefix();
    const redis = client();
    await new RedisReadModels(redis, { keyPrefix }).applyEvents(events.slice(0, 20));
    const bumped = LEDGER_PROJECTIONS.map((p) =>
      p.name === enterpriseBalanceProjection.name ? { ...p, version: p.version + 1 } : p,
    );
    const newer = new RedisReadModels(redis, { keyPrefix, projections: bumped });
    expect(await newer.projectionsMatch()).toBe(false);
    await expect(newer.applyEvents(events.slice(20))).rejects.toThrow(RedisReadModelsVersionError);
    expect(await newer.checkpoint()).toBe(20);

    await rebuildRedisReadModels(redis, readAllOf(events), { keyPrefix, projections: bumped });
    expect(await newer.projectionsMatch()).toBe(true);
    const dump = await dumpRedisReadModels(redis, keyPrefix);
    expect(dump['projection_checkpoint']).toContainEqual({
      name: 'enterprise-balance.v2',
      position: events.length,
    });
    const sqlite = sqliteOf(events);
    const sqliteDump = dumpSqliteReadModels(sqlite.db);
    expect(dump['balance_entries']).toEqual(sqliteDump['balance_entries']);
    expect(dump['read_model_documents']).toEqual(sqliteDump['read_model_documents']);
    sqlite.db.close();
  });

  it('given a rebuild in progress, when a projector writes, then it is refused until the rebuild is done, and it resumes from the checkpoint', async () => {
    const events = longStory(4);
    const keyPrefix = freshPrefix();
    const redis = client();
    const projector = new RedisReadModels(client(), { keyPrefix });
    await projector.applyEvents(events.slice(0, 60));

    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let pagesRead = 0;
    const readAll = readAllOf(events.slice(0, 100));
    const rebuilding = rebuildRedisReadModels(
      redis,
      async (after, max) => {
        if (++pagesRead === 2) await gate;
        return readAll(after, max);
      },
      { keyPrefix, pageSize: 40 },
    );
    while (pagesRead < 2) await sleep(5);
    await expect(projector.applyEvent(events[60])).rejects.toThrow(RedisReadModelsRebuildingError);
    release();
    expect(await rebuilding).toEqual({ events: 100, position: 100 });
    // The projector resumes from the checkpoint the rebuild left.
    let after = await projector.checkpoint();
    for (const event of events.filter((e) => e.position > after)) {
      expect(await projector.applyEvent(event, { afterPosition: after })).toBe('applied');
      after = event.position;
    }
    const sqlite = sqliteOf(events);
    expect(await dumpRedisReadModels(redis, keyPrefix)).toEqual(dumpSqliteReadModels(sqlite.db));
    sqlite.db.close();
  });

  it('given bad set-ups, when the read models are made, then they are refused', () => {
    const redis = client();
    expect(() => new RedisReadModels(redis, { keyPrefix: '' })).toThrow(/non-empty/);
    const prefixed = new Redis(server.url, { keyPrefix: 'x:', lazyConnect: true });
    expect(() => new RedisReadModels(prefixed)).toThrow(/keyPrefix/);
    prefixed.disconnect();
  });

  describe('crashes (AOF on, appendfsync always)', () => {
    let crashing: RedisServerHandle;

    beforeAll(async () => {
      crashing = await startRedisServer({ appendonly: true, appendfsync: 'always' });
    });

    afterAll(async () => {
      for (const c of clients.splice(0)) c.disconnect();
      await crashing?.dispose();
    });

    it.each([
      ['ioredis re-sends what was in flight', {}],
      [
        'errors reach the feed, which resumes from the checkpoint',
        { maxRetriesPerRequest: 0, autoResendUnfulfilledCommands: false },
      ],
    ])(
      'given redis-server SIGKILLed twice while events are applied in a loop (%s), when it restarts on the same dir and the feed resumes, then no acknowledged event is lost and none is applied twice',
      async (_how, clientOptions: RedisOptions) => {
        const events = longStory(40); // 1,200 events
        const readAll = readAllOf(events);
        const keyPrefix = freshPrefix();
        const redis = client(crashing.url, clientOptions);
        const readModels = new RedisReadModels(redis, { keyPrefix });
        let acked = 0;
        let errors = 0;
        let lostAcked = 0;

        const feed = async () => {
          for (;;) {
            try {
              let after = await readModels.checkpoint();
              if (after < acked) lostAcked = Math.max(lostAcked, acked - after);
              for (;;) {
                const page = await readAll(after, 20);
                if (page.length === 0) return;
                await readModels.applyEvents(page, { afterPosition: after });
                after = page[page.length - 1].position;
                acked = after;
              }
            } catch {
              errors++;
              await sleep(50);
            }
          }
        };
        const crash = async (atLeast: number) => {
          while (acked < atLeast) await sleep(1);
          const ackedAtKill = acked;
          await crashing.kill();
          await sleep(300);
          await crashing.restart();
          const probe = new Redis(crashing.url);
          const checkpoint = Number((await probe.get(`${keyPrefix}checkpoint`)) ?? 0);
          probe.disconnect();
          return { ackedAtKill, checkpoint };
        };

        const feeding = feed();
        const first = await crash(events[300].position);
        const second = await crash(events[700].position);
        await feeding;

        // Everything acknowledged before a kill survived it (fsync before the reply).
        expect(first.checkpoint).toBeGreaterThanOrEqual(first.ackedAtKill);
        expect(second.checkpoint).toBeGreaterThanOrEqual(second.ackedAtKill);
        expect(lostAcked).toBe(0);
        expect(second.ackedAtKill).toBeLessThan(events[events.length - 1].position);
        if (clientOptions.maxRetriesPerRequest === 0) expect(errors).toBeGreaterThan(0);

        const crashed = await dumpRedisReadModels(redis, keyPrefix);
        const clean = freshPrefix();
        await rebuildRedisReadModels(redis, readAll, { keyPrefix: clean });
        expect(crashed).toEqual(await dumpRedisReadModels(redis, clean));
        const sqlite = sqliteOf(events);
        expect(crashed).toEqual(dumpSqliteReadModels(sqlite.db));
        sqlite.db.close();
        expect(crashed['balance_entries']).toHaveLength(3 * 40);
      },
    );

    it.each(['pages', 'single'])(
      'given a projector process (%s) SIGKILLed in the middle of a long stream, when another one resumes from the checkpoint, then the read models equal a rebuild from zero',
      async (mode) => {
        const times = 100; // 3,000 events
        const events = longStory(times);
        const keyPrefix = freshPrefix();
        const redis = client(crashing.url);
        const child = spawn(
          join(REPO, 'node_modules/.bin/tsx'),
          [
            join(REPO, 'libs/projections/test-support/redis-projector-child.ts'),
            crashing.url,
            keyPrefix,
            String(times),
            mode,
          ],
          { cwd: REPO, stdio: ['ignore', 'pipe', 'inherit'] },
        );
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        try {
          const readModels = new RedisReadModels(redis, { keyPrefix });
          const third = events[Math.floor(events.length / 3)].position;
          const deadline = Date.now() + 60_000;
          while ((await readModels.checkpoint()) < third) {
            if (Date.now() > deadline || child.exitCode !== null) {
              throw new Error('the projector did not get a third of the way');
            }
            await sleep(2);
          }
          child.kill('SIGKILL');
          await exited;
          const atKill = await readModels.checkpoint();
          expect(atKill).toBeLessThan(events[events.length - 1].position);

          let after = atKill;
          for (;;) {
            const page = await readAllOf(events)(after, 500);
            if (page.length === 0) break;
            await readModels.applyEvents(page, { afterPosition: after });
            after = page[page.length - 1].position;
          }
          const resumed = await dumpRedisReadModels(redis, keyPrefix);
          const clean = freshPrefix();
          await rebuildRedisReadModels(redis, readAllOf(events), { keyPrefix: clean });
          expect(resumed).toEqual(await dumpRedisReadModels(redis, clean));
          expect(resumed['balance_entries']).toHaveLength(3 * times);
        } finally {
          child.kill('SIGKILL');
          await exited;
        }
      },
    );
  });
});
