import { ConflictException } from '@nestjs/common';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runInAppendScope } from '@ledger/event-store/append-scope';
import { ConcurrencyError, EventToAppend } from '@ledger/event-store/event-store.port';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { IdempotencyKeyRef } from './idempotency.store';
import { KEY_TAKEN_OVER, SqliteIdempotencyStore } from './sqlite-idempotency.store';

const event = (n: number): EventToAppend => ({
  type: 'Thing',
  data: { n },
  metadata: { actor: 'a', role: 'r', businessDate: '2024-01-01', recordedAt: 'now' },
});

/**
 * Issue #12, point 1, on the embedded store (ADR 0011): the key and the events
 * its command writes commit in one SQLite transaction, so after a crash a
 * retry finds either both or neither.
 */
describe('SqliteIdempotencyStore with the event store: the key commits with the events', () => {
  let dir: string;
  let now: number;
  let events: SqliteEventStore;
  let keys: SqliteIdempotencyStore;
  const request = (fingerprint = 'f1') => ({
    scope: 'actor:x',
    key: 'k',
    fingerprint,
    leaseMs: 1000,
  });

  const claimed = async (store = keys): Promise<IdempotencyKeyRef> => {
    const claim = await store.claim(request());
    if (claim.outcome !== 'claimed') throw new Error(`not claimed: ${claim.outcome}`);
    return { scope: 'actor:x', key: 'k', claimId: claim.claimId };
  };
  const inScope = <T>(store: SqliteIdempotencyStore, ref: IdempotencyKeyRef, fn: () => T) =>
    runInAppendScope(store.appendScope(ref), fn);
  /** A new process on the same files, the old one gone without a word. */
  const restart = async (): Promise<void> => {
    await events.close();
    keys.close();
    events = SqliteEventStore.open({ dataDir: dir });
    keys = new SqliteIdempotencyStore(path.join(dir, 'ledger.sqlite'), () => now);
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-idem-commit-'));
    now = 1_000_000;
    events = SqliteEventStore.open({ dataDir: dir });
    keys = new SqliteIdempotencyStore(path.join(dir, 'ledger.sqlite'), () => now);
  });
  afterEach(async () => {
    await events.close();
    keys.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('given a command that wrote and then died unanswered, when the key is retried after its lease, then it is refused as unanswered, not run again', async () => {
    const ref = await claimed();
    await inScope(keys, ref, () => events.append('s-1', [event(1)], 'no_stream'));
    await restart(); // no complete(): the answer is lost
    now += 1001;
    expect(await keys.claim(request())).toEqual({ outcome: 'unanswered' });
    expect(await keys.claim(request('f2'))).toEqual({ outcome: 'mismatch' });
    await keys.release(ref); // a late release of the dead claim frees nothing
    expect(await keys.claim(request())).toEqual({ outcome: 'unanswered' });
  });

  it('given a claim of a process that is gone, when retried before its lease ran out, then the answer comes at once', async () => {
    const ref = await claimed();
    await inScope(keys, ref, () => events.append('s-1', [event(1)], 'no_stream'));
    await restart();
    expect(await keys.claim(request())).toEqual({ outcome: 'unanswered' });
  });

  it('given a command that died before writing, when retried, then the key is free again', async () => {
    await claimed();
    await restart();
    expect((await keys.claim(request())).outcome).toBe('claimed');
  });

  it('given an append that is rolled back, when the key is looked at, then nothing marks it: the key and the events commit or fail together', async () => {
    const ref = await claimed();
    await events.append('s-1', [event(0)], 'no_stream');
    await expect(
      inScope(keys, ref, () => events.append('s-1', [event(1)], 'no_stream')),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    events.setInlineProjector({
      applyInTransaction: () => {
        throw new Error('projector refused');
      },
    });
    await expect(
      inScope(keys, ref, () => events.append('s-2', [event(2)], 'no_stream')),
    ).rejects.toThrow('projector refused');
    await keys.release(ref);
    expect((await keys.claim(request())).outcome).toBe('claimed');
  });

  it('given a command that wrote and then failed, when it releases the key, then the key stays taken', async () => {
    const ref = await claimed();
    await inScope(keys, ref, () => events.append('s-1', [event(1)], 'no_stream'));
    await keys.release(ref);
    now += 1001;
    expect(await keys.claim(request())).toEqual({ outcome: 'unanswered' });
  });

  it('given appends grouped into one transaction, when only some are in the scope, then only the scope marks its key', async () => {
    const ref = await claimed();
    const other = { scope: 'actor:y', key: 'k', fingerprint: 'f1', leaseMs: 1000 };
    const otherClaim = await keys.claim(other);
    if (otherClaim.outcome !== 'claimed') throw new Error('not claimed');
    await Promise.all([
      inScope(keys, ref, () => events.append('s-1', [event(1)], 'no_stream')),
      events.append('s-2', [event(2)], 'no_stream'),
    ]);
    expect(events.appendStats().largestBatch).toBe(2);
    await restart();
    expect(await keys.claim(request())).toEqual({ outcome: 'unanswered' });
    expect((await keys.claim(other)).outcome).toBe('claimed');
  });

  it('given a claim taken over after its lease, when the late command appends, then its append is refused and writes nothing', async () => {
    const late = await claimed();
    now += 1001;
    const fresh = await claimed();
    const refused = inScope(keys, late, () => events.append('s-1', [event(1)], 'no_stream'));
    await expect(refused).rejects.toBeInstanceOf(ConflictException);
    await expect(refused).rejects.toThrow(KEY_TAKEN_OVER);
    expect(await events.readStream('s-1')).toEqual([]);
    await inScope(keys, fresh, () => events.append('s-1', [event(1)], 'no_stream'));
    await keys.complete(fresh, { statusCode: 201, body: { ok: true } });
    expect(await keys.claim(request())).toEqual({
      outcome: 'replay',
      statusCode: 201,
      body: { ok: true },
    });
  });

  it('given a table made before issue #12, when a store opens it, then the new columns are added and old rows still replay', async () => {
    await events.close();
    keys.close();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir);
    const Database = (await import('better-sqlite3')).default;
    const old = new Database(path.join(dir, 'ledger.sqlite'));
    old.exec(`CREATE TABLE idempotency_keys (
      scope TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('in_progress', 'completed')), claim_id TEXT NOT NULL,
      lease_expires_ms INTEGER NOT NULL, status_code INTEGER, body_json TEXT,
      created_ms INTEGER NOT NULL, completed_ms INTEGER, PRIMARY KEY (scope, key)) WITHOUT ROWID`);
    old
      .prepare(
        `INSERT INTO idempotency_keys VALUES ('actor:x', 'k', 'f1', 'completed', 'c', 0, 201, '{"a":1}', 0, 0)`,
      )
      .run();
    old.close();
    events = SqliteEventStore.open({ dataDir: dir });
    keys = new SqliteIdempotencyStore(path.join(dir, 'ledger.sqlite'), () => now);
    expect(await keys.claim(request())).toEqual({
      outcome: 'replay',
      statusCode: 201,
      body: { a: 1 },
    });
  });
});
