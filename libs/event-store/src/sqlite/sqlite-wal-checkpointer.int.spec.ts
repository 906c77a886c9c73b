import { killWhen } from '../../test-support/kill-when';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { metadataFor } from '../../test-support/event-store.contract';
import { EventToAppend } from '../event-store.port';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteWalCheckpointer, WAL_CHECKPOINT_DEFAULTS } from './sqlite-wal-checkpointer';

const ROOT = resolve(__dirname, '../../../..');
const CRASH_WORKER = join(ROOT, 'libs/event-store/test-support/append-all-crash.worker.ts');
const PAGE_BYTES = 4_096;

interface WalState {
  log: number;
  checkpointed: number;
}
const walOf = (db: Database.Database) => (db.pragma('wal_checkpoint(NOOP)') as WalState[])[0];

/**
 * WAL checkpoints off the commit path (ADR 0020 §25): a worker thread copies
 * the WAL into the database beside the commits, the writer's own automatic
 * checkpoint is a backstop, and the WAL stays bounded either way.
 */
describe('SqliteWalCheckpointer', () => {
  let dataDir: string;
  const opened: { close(): unknown }[] = [];

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-test-wal-checkpointer-'));
  });

  afterEach(async () => {
    for (const o of opened.splice(0).reverse()) await o.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const event = (i: number): EventToAppend => ({
    type: 'Filled',
    data: { i, filler: 'y'.repeat(8_000) },
    metadata: metadataFor('wal-checkpointer-spec'),
  });

  it('given appends that take the WAL past the threshold many times, when they settle, then the worker checkpoints, the writer only backstops, and the WAL never holds more than the backstop and one transaction', async () => {
    const store = SqliteEventStore.open({ dataDir });
    opened.push(store);
    const db = store.database;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(
      WAL_CHECKPOINT_DEFAULTS.backstop,
    );
    let largestWal = 0;
    let largestBatchFrames = 0;
    // 40 group commits of 64 appends of ~8 KB: ~20 MiB, 5,000+ pages.
    for (let round = 0; round < 40; round++) {
      const before = walOf(db).log;
      await Promise.all(
        Array.from({ length: 64 }, (_, k) =>
          store.append(`s-${round}-${k}`, [event(k)], 'no_stream'),
        ),
      );
      const after = walOf(db).log;
      largestWal = Math.max(largestWal, after);
      if (after > before) largestBatchFrames = Math.max(largestBatchFrames, after - before);
      // The worker runs beside: give it a turn now and then, as a busy API's gaps do.
      if (round % 4 === 3) await new Promise((r) => setTimeout(r, 20));
    }
    await waitFor(() => (store.appendStats().checkpoints ?? 0) > 0);
    expect(store.appendStats().checkpoints).toBeGreaterThan(0);
    expect(largestWal).toBeLessThanOrEqual(WAL_CHECKPOINT_DEFAULTS.backstop + largestBatchFrames);
    const walFile = statSync(join(dataDir, 'ledger.sqlite-wal')).size;
    expect(walFile).toBeLessThanOrEqual(
      (WAL_CHECKPOINT_DEFAULTS.backstop + largestBatchFrames + 1) * (PAGE_BYTES + 24) + 32,
    );
    expect(await store.readAll()).toHaveLength(40 * 64);
  }, 60_000);

  it('given a worker that never catches up, when commits go on, then the backstop checkpoints on the writer and the WAL restarts under it', () => {
    const db = new Database(join(dataDir, 'w.sqlite'));
    opened.push(db);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (x BLOB)');
    const checkpointer = new SqliteWalCheckpointer(db, () => undefined, {
      threshold: Number.MAX_SAFE_INTEGER, // the worker never starts
      backstop: 200,
    });
    opened.push(checkpointer);
    const insert = db.prepare('INSERT INTO t VALUES (randomblob(3000))');
    const commit = db.transaction(() => {
      for (let i = 0; i < 10; i++) insert.run();
    });
    let largest = 0;
    for (let i = 0; i < 200; i++) {
      commit();
      checkpointer.afterCommit();
      largest = Math.max(largest, walOf(db).log);
    }
    // 10 rows of 3,000 bytes: about 10 pages and their index a commit.
    expect(largest).toBeGreaterThan(100);
    expect(largest).toBeLessThanOrEqual(200 + 20);
  });

  it('given the worker, when the store closes, then the thread has stopped and the file closes as before (WAL checkpointed and removed)', async () => {
    const store = SqliteEventStore.open({ dataDir });
    for (let round = 0; round < 12; round++) {
      await Promise.all(
        Array.from({ length: 64 }, (_, k) =>
          store.append(`s-${round}-${k}`, [event(k)], 'no_stream'),
        ),
      );
    }
    await waitFor(() => (store.appendStats().checkpoints ?? 0) > 0);
    await store.close();
    expect(() => statSync(join(dataDir, 'ledger.sqlite-wal'))).toThrow(/ENOENT/);
    const reopened = SqliteEventStore.open({ dataDir });
    opened.push(reopened);
    expect(await reopened.readAll()).toHaveLength(12 * 64);
  }, 60_000);

  it('given two stores in one process, when both checkpoint and the first closes, then the second still checkpoints on the shared thread and both files close as before', async () => {
    const [a, b] = ['a', 'b'].map((name) => {
      const dir = join(dataDir, name);
      return { dir, store: SqliteEventStore.open({ dataDir: dir }) };
    });
    opened.push(b.store);
    const fill = async (store: SqliteEventStore, from: number, rounds: number) => {
      for (let round = from; round < from + rounds; round++) {
        await Promise.all(
          Array.from({ length: 64 }, (_, k) =>
            store.append(`s-${round}-${k}`, [event(k)], 'no_stream'),
          ),
        );
      }
    };
    await fill(a.store, 0, 12);
    await fill(b.store, 0, 12);
    await waitFor(() => (b.store.appendStats().checkpoints ?? 0) > 0);
    expect(a.store.appendStats().checkpoints).toBeGreaterThan(0);
    await a.store.close();
    expect(() => statSync(join(a.dir, 'ledger.sqlite-wal'))).toThrow(/ENOENT/);
    const before = b.store.appendStats().checkpoints ?? 0;
    await fill(b.store, 12, 12);
    await waitFor(() => (b.store.appendStats().checkpoints ?? 0) > before);
    expect(b.store.appendStats().checkpoints).toBeGreaterThan(before);
    await b.store.close();
    expect(() => statSync(join(b.dir, 'ledger.sqlite-wal'))).toThrow(/ENOENT/);
    const reopened = SqliteEventStore.open({ dataDir: b.dir });
    opened.push(reopened);
    expect(await reopened.readAll()).toHaveLength(24 * 64);
  }, 60_000);

  it('given a process whose WAL the worker checkpoints, when it is killed with SIGKILL mid-run, then every acknowledged append is there, whole', async () => {
    // 20,000-character fillers: three parts an append, the WAL passes 1,000 pages in ~70 appends.
    const { stdout, signal } = await killWhen(CRASH_WORKER, [dataDir, '20000'], ROOT, (out) => {
      const checkpoints = [...out.matchAll(/acked \d+ (\d+)\n/g)].map((m) => Number(m[1]));
      return checkpoints.length >= 400 && Math.max(...checkpoints) >= 2;
    });
    expect(signal).toBe('SIGKILL');
    const acked = [...stdout.matchAll(/acked (\d+) \d+\n/g)].map((m) => Number(m[1]));

    const store = SqliteEventStore.open({ dataDir });
    opened.push(store);
    const byLine = new Map<number, string[]>();
    for (const e of await store.readAll()) {
      const n = e.data.n as number;
      expect((e.data.filler as string).length).toBe(20_000);
      byLine.set(n, [...(byLine.get(n) ?? []), e.stream]);
    }
    for (const n of acked) expect(byLine.get(n)?.sort()).toEqual([`a-${n}`, `b-${n}`, `c-${n}`]);
    for (const streams of byLine.values()) expect(streams).toHaveLength(3);
  }, 60_000);
});

async function waitFor(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
}
