import { ConflictException } from '@nestjs/common';
import Redis from 'ioredis';
import { verifyLedger } from '@ledger/audit';
import { runInAppendScope } from '@ledger/event-store/append-scope';
import { EventToAppend } from '@ledger/event-store/event-store.port';
import { EventStoreDbEventStore } from '@ledger/event-store/eventstoredb/eventstoredb-event-store';
import { sealEvents, GENESIS_HASH } from '@ledger/event-store/integrity/event-seal';
import { EventStoreDbGrpcDouble } from '../../../../../libs/event-store/test-support/esdb-grpc-double/eventstoredb-grpc.double';
import {
  RedisServerHandle,
  startRedisServer,
} from '../../../../../libs/projections/test-support/redis-server';
import { fenceStreamOf, IDEMPOTENCY_KEY_USED } from './event-store-idempotency-fence';
import { IdempotencyKeyRef, KEY_MISMATCH, KEY_UNANSWERED } from './idempotency.store';
import { RedisIdempotencyStore } from './redis-idempotency.store';

jest.setTimeout(60_000);

const LEASE_MS = 150;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A first event of a new stream, sealed as the ledger's write path seals it. */
const created = (stream: string): EventToAppend[] =>
  sealEvents(stream, 0, GENESIS_HASH, [
    {
      type: 'Thing',
      data: { stream },
      metadata: {
        actor: 'a',
        role: 'r',
        businessDate: '2024-01-01',
        recordedAt: '2024-01-01T00:00:00.000Z',
      },
    },
  ]);

/**
 * Issue #12, point 1, scale-out (ADR 0011): the answers live in Redis, the
 * events in EventStoreDB, and no transaction spans both. A crashed replica's
 * claim expires in Redis, so the retry is claimed again; the fence on the
 * event store must then refuse it before it writes anything, even when the
 * retry would write to other streams than the first run (a command that
 * draws a new id, as a submission does).
 */
describe('RedisIdempotencyStore with the EventStoreDB fence (gRPC double, real Redis)', () => {
  const double = new EventStoreDbGrpcDouble();
  let redisServer: RedisServerHandle;
  let redis: Redis;
  let esdb: EventStoreDbEventStore;
  let keys: RedisIdempotencyStore;
  let n = 0;

  beforeAll(async () => {
    await double.start();
    redisServer = await startRedisServer({ appendonly: false });
    redis = new Redis(redisServer.url, { maxRetriesPerRequest: 3 });
    esdb = EventStoreDbEventStore.connect(double.connectionString);
  });
  afterAll(async () => {
    await esdb?.close();
    redis?.disconnect();
    await redisServer?.dispose();
    await double.stop();
  });
  beforeEach(() => {
    keys = new RedisIdempotencyStore(redis, `test:${++n}:`);
  });

  const request = (fingerprint = 'f1') => ({
    scope: 'actor:x',
    key: `k-${n}`,
    fingerprint,
    leaseMs: LEASE_MS,
  });
  const claimed = async (fingerprint = 'f1'): Promise<IdempotencyKeyRef> => {
    const claim = await keys.claim(request(fingerprint));
    if (claim.outcome !== 'claimed') throw new Error(`not claimed: ${claim.outcome}`);
    return { scope: 'actor:x', key: `k-${n}`, claimId: claim.claimId };
  };
  /** The command: writes a new stream whose name it draws itself. */
  const command = (ref: IdempotencyKeyRef, stream: string, fingerprint = 'f1') =>
    runInAppendScope(keys.appendScope(ref, fingerprint), () =>
      esdb.append(stream, created(stream), 'no_stream'),
    );

  it('given a command that wrote and whose replica died unanswered, when the key is retried after the lease, then the retry is refused before it writes', async () => {
    await command(await claimed(), `thing-${n}-a`);
    await sleep(LEASE_MS + 50); // the dead replica's claim expires in Redis
    const retry = await claimed(); // Redis alone would run it again
    const refused = command(retry, `thing-${n}-b`);
    await expect(refused).rejects.toBeInstanceOf(ConflictException);
    await expect(refused).rejects.toThrow(KEY_UNANSWERED);
    expect(await esdb.readStream(`thing-${n}-a`)).toHaveLength(1);
    expect(await esdb.readStream(`thing-${n}-b`)).toEqual([]);
    await keys.release(retry);
    expect((await esdb.readStream(fenceStreamOf('actor:x', `k-${n}`))).map((e) => e.type)).toEqual([
      IDEMPOTENCY_KEY_USED,
    ]);
  });

  it('given the same key retried with another body after a crash, then it is a mismatch', async () => {
    await command(await claimed(), `thing-${n}-a`);
    await sleep(LEASE_MS + 50);
    const other = await claimed('f2');
    await expect(command(other, `thing-${n}-b`, 'f2')).rejects.toThrow(KEY_MISMATCH);
  });

  it('given a command that failed before any append of its own, when released, then the key is free and its retry writes once', async () => {
    const first = await claimed();
    await expect(
      runInAppendScope(keys.appendScope(first, 'f1'), async () => {
        throw new ConflictException('refused before writing');
      }),
    ).rejects.toThrow('refused before writing');
    await keys.release(first);
    const retry = await claimed();
    await command(retry, `thing-${n}`);
    await keys.complete(retry, { statusCode: 201, body: { ok: 1 } });
    expect(await keys.claim(request())).toEqual({
      outcome: 'replay',
      statusCode: 201,
      body: { ok: 1 },
    });
    expect(await esdb.readStream(`thing-${n}`)).toHaveLength(1);
  });

  it('given a command whose own append was sent and failed, when released, then the key stays taken (its outcome is unknown)', async () => {
    await esdb.append(`thing-${n}`, created(`thing-${n}`), 'no_stream');
    const first = await claimed();
    await expect(command(first, `thing-${n}`)).rejects.toThrow(/expected revision/);
    await keys.release(first);
    const retry = await claimed();
    await expect(command(retry, `thing-${n}-b`)).rejects.toThrow(KEY_UNANSWERED);
  });

  it('given the fence events in the log, when the log is verified, then their hash chains hold', async () => {
    const report = await verifyLedger({ store: esdb, backend: 'eventstoredb', readModels: false });
    expect(report.hashChain).toMatchObject({ ok: true, unhashedEvents: 0 });
    expect(report.problems).toEqual([]);
  });
});
