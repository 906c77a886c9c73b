import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SqliteIdempotencyStore } from './sqlite-idempotency.store';

describe('SqliteIdempotencyStore', () => {
  let dir: string;
  let file: string;
  let now: number;
  let store: SqliteIdempotencyStore;
  const request = (fingerprint = 'f1') => ({
    scope: 'sub:a',
    key: 'k',
    fingerprint,
    leaseMs: 1000,
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-idem-'));
    file = path.join(dir, 'ledger.sqlite');
    now = 1_000_000;
    store = new SqliteIdempotencyStore(file, () => now);
  });
  afterEach(() => {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('claims, completes, then replays; another fingerprint is a mismatch', async () => {
    const claim = await store.claim(request());
    expect(claim.outcome).toBe('claimed');
    if (claim.outcome !== 'claimed') return;
    expect(await store.claim(request())).toEqual({ outcome: 'in_progress' });
    expect(await store.claim(request('f2'))).toEqual({ outcome: 'mismatch' });
    await store.complete(
      { scope: 'sub:a', key: 'k', claimId: claim.claimId },
      { statusCode: 201, body: { id: 1 } },
    );
    expect(await store.claim(request())).toEqual({
      outcome: 'replay',
      statusCode: 201,
      body: { id: 1 },
    });
    expect(await store.claim(request('f2'))).toEqual({ outcome: 'mismatch' });
  });

  it('frees a released key', async () => {
    const claim = await store.claim(request());
    if (claim.outcome !== 'claimed') throw new Error('not claimed');
    await store.release({ scope: 'sub:a', key: 'k', claimId: claim.claimId });
    expect((await store.claim(request('f2'))).outcome).toBe('claimed');
  });

  it('lets a claim whose lease ran out be taken over, and ignores the late owner', async () => {
    const stale = await store.claim(request());
    if (stale.outcome !== 'claimed') throw new Error('not claimed');
    now += 1001;
    const fresh = await store.claim(request());
    expect(fresh.outcome).toBe('claimed');
    await store.complete(
      { scope: 'sub:a', key: 'k', claimId: stale.claimId },
      { statusCode: 201, body: 'late' },
    );
    expect(await store.claim(request())).toEqual({ outcome: 'in_progress' });
  });

  it('opens its file in WAL mode with the table, beside other connections', async () => {
    const other = new Database(file);
    try {
      expect(other.pragma('journal_mode', { simple: true })).toBe('wal');
      other.exec('CREATE TABLE IF NOT EXISTS events (position INTEGER PRIMARY KEY)');
      expect((await store.claim(request())).outcome).toBe('claimed');
      expect(other.prepare('SELECT count(*) AS n FROM idempotency_keys').get()).toEqual({ n: 1 });
    } finally {
      other.close();
    }
  });
});
