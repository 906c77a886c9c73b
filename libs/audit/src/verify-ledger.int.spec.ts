import * as fs from 'node:fs';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import {
  addSeatHistory,
  copyLedgerDir,
  deleteEventsBehindTheStore,
  openLedgerFile,
  tempDir,
} from '../test-support/ledger-dir';
import { verifyLedger, VerifyReport } from './verify-ledger';
import { VERIFY_LIMITS } from './verify-log';
import * as chainThread from './sqlite/chain-check.thread';
import { openLogReader } from './sqlite/chain-check.worker';
import { SEQUENTIAL_READ_CACHE_KIB } from './sqlite/sequential-read-cache';
import { REPLAY_CACHE_KIB, SqliteReadModelReplay } from './sqlite/sqlite-read-model-check';
import { ProblemLog } from './audit-problem';

jest.mock('./sqlite/chain-check.thread', () => {
  const actual = jest.requireActual<typeof chainThread>('./sqlite/chain-check.thread');
  return { ...actual, startChainCheck: jest.fn(actual.startChainCheck) };
});

/**
 * Issue #16: on the embedded store the log is checked on a thread of its own
 * beside the replay; the report must be the one the single-thread pass makes,
 * on a sound ledger and on a tampered one.
 */
jest.setTimeout(60_000);

let template: string;
const dirs: string[] = [];

beforeAll(async () => {
  template = tempDir('verify-thread-template');
  await addSeatHistory(template, 0, 2, { claimsPerApplication: 3 });
});
afterAll(() => {
  for (const d of [template, ...dirs]) fs.rmSync(d, { recursive: true, force: true });
});

async function verify(
  dataDir: string,
  logThread: boolean,
  problemsMax?: number,
  logThreadHeapMb?: number,
) {
  const store = SqliteEventStore.open({ dataDir, groupCommit: false });
  try {
    const report = await verifyLedger({
      store,
      backend: 'sqlite',
      sqlite: store.database,
      logThread,
      problemsMax,
      logThreadHeapMb,
    });
    const { seconds: _s, eventsPerSecond: _e, ...rest } = report;
    return rest as Omit<VerifyReport, 'seconds' | 'eventsPerSecond'>;
  } finally {
    await store.close();
  }
}

/** `fen`: what is added to the first payment's amount (a fraction breaks an invariant too). */
function tampered(label: string, fen = 100): string {
  const dir = copyLedgerDir(template, label);
  dirs.push(dir);
  const db = openLedgerFile(dir);
  try {
    const paid = db
      .prepare("SELECT position FROM events WHERE type = 'TrancheDisbursed' ORDER BY position")
      .pluck()
      .get() as number;
    db.prepare(
      "UPDATE events SET data = json_set(data, '$.amountFen', json_extract(data, '$.amountFen') + ?) WHERE position = ?",
    ).run(fen, paid);
    deleteEventsBehindTheStore(db, 'position = 7');
  } finally {
    db.close();
  }
  return dir;
}

describe('verifyLedger with the log checked on a thread beside the replay', () => {
  beforeEach(() => jest.mocked(chainThread.startChainCheck).mockClear());

  it('given a sound ledger, when verified on two threads, then the report is the single-thread one', async () => {
    const dir = copyLedgerDir(template, 'verify-thread-sound');
    dirs.push(dir);
    const single = await verify(dir, false);
    expect(chainThread.startChainCheck).not.toHaveBeenCalled();
    const threaded = await verify(dir, true);
    expect(chainThread.startChainCheck).toHaveBeenCalledTimes(1);
    expect(single.ok).toBe(true);
    expect(single.events).toBeGreaterThan(50);
    expect(threaded).toEqual(single);
  });

  it('given a changed payment and a removed event, when verified on two threads, then every problem and count is the single-thread one', async () => {
    const dir = tampered('verify-thread-tampered');
    const single = await verify(dir, false);
    const threaded = await verify(dir, true);
    expect(chainThread.startChainCheck).toHaveBeenCalledTimes(1);
    expect(single.ok).toBe(false);
    expect(single.problems.map((p) => p.check)).toEqual(
      expect.arrayContaining(['hash', 'order', 'chain', 'read-model']),
    );
    expect(threaded).toEqual(single);
  });

  it('given more problems than are listed, when verified on two threads, then all are counted and the first ones listed', async () => {
    const dir = tampered('verify-thread-max');
    const single = await verify(dir, false, 2);
    const threaded = await verify(dir, true, 2);
    expect(single.problemCount).toBeGreaterThan(2);
    expect(threaded.problems).toHaveLength(2);
    expect(threaded).toEqual(single);
  });

  it('given a payment of a fraction of a fen, when verified on two threads (the invariants beside the replay), then each violation is reported once, as on one thread, and the fallback after a thread out of heap says the same', async () => {
    const dir = tampered('verify-thread-invariant', 0.5);
    const single = await verify(dir, false);
    const threaded = await verify(dir, true);
    const fallback = await verify(dir, true, undefined, 1);
    expect(single.invariants.violations).toBeGreaterThan(0);
    expect(single.problems.filter((p) => p.check === 'invariant').map((p) => p.rule)).toContain(
      'MONEY',
    );
    expect(single.invariants.rules.length).toBeGreaterThan(5);
    expect(threaded).toEqual(single);
    expect(fallback).toEqual(single);
  });

  it('given a log thread that runs out of its heap, when verified, then the log is checked on the main thread and the report is the single-thread one', async () => {
    const dir = tampered('verify-thread-oom');
    const single = await verify(dir, false);
    const fallback = await verify(dir, true, undefined, 1);
    expect(chainThread.startChainCheck).toHaveBeenCalledTimes(1);
    expect(single.ok).toBe(false);
    expect(fallback).toEqual(single);
  });
});

describe("the log thread's young generation (issue #16, ADR 0020 §79)", () => {
  it('given the log thread, when verified, then it runs with a young generation of CHAIN_CHECK_YOUNG_MB', async () => {
    const store = SqliteEventStore.open({ dataDir: template, groupCommit: false });
    const seen: unknown[] = [];
    try {
      const report = await verifyLedger({
        store,
        backend: 'sqlite',
        sqlite: store.database,
        pageSize: 5,
        onProgress: () => {
          const run = jest.mocked(chainThread.startChainCheck).mock.results.at(-1)?.value as
            chainThread.ChainCheckRun | undefined;
          const limits = run?.resourceLimits;
          if (limits?.maxYoungGenerationSizeMb !== undefined) seen.push(limits);
        },
      });
      expect(report.ok).toBe(true);
    } finally {
      await store.close();
    }
    expect(seen.length).toBeGreaterThan(0);
    for (const limits of seen) {
      expect(limits).toMatchObject({
        maxYoungGenerationSizeMb: chainThread.CHAIN_CHECK_YOUNG_MB,
        maxOldGenerationSizeMb: chainThread.CHAIN_CHECK_HEAP_MB,
      });
    }
  });
});

describe("the log thread's pages (issue #16, ADR 0020 §91)", () => {
  /** Verifies the template, answering the page sizes the replay asked the store for. */
  async function replayPageSizes(pageSize?: number): Promise<Set<number>> {
    const store = SqliteEventStore.open({ dataDir: template, groupCommit: false });
    const sizes = new Set<number>();
    const readAll = store.readAll.bind(store);
    jest.spyOn(store, 'readAll').mockImplementation((o) => {
      sizes.add(o?.maxCount ?? -1);
      return readAll(o);
    });
    try {
      const report = await verifyLedger({
        store,
        backend: 'sqlite',
        sqlite: store.database,
        pageSize,
      });
      expect(report.ok).toBe(true);
    } finally {
      await store.close();
    }
    return sizes;
  }
  const logThreadPageSize = () =>
    jest.mocked(chainThread.startChainCheck).mock.calls.at(-1)![0].pageSize;

  it('given no page size, when verified, then the log thread reads pages of logThreadPageSizeDefault and the replay pages of pageSizeDefault', async () => {
    expect(await replayPageSizes()).toEqual(new Set([VERIFY_LIMITS.pageSizeDefault]));
    expect(logThreadPageSize()).toBe(VERIFY_LIMITS.logThreadPageSizeDefault);
    expect(VERIFY_LIMITS.logThreadPageSizeDefault).toBeLessThan(VERIFY_LIMITS.pageSizeDefault);
  });

  it('given a page size, when verified, then both threads read pages of it', async () => {
    expect(await replayPageSizes(7)).toEqual(new Set([7]));
    expect(logThreadPageSize()).toBe(7);
  });
});

describe('verifyLedger reads the log through a small page cache (issue #16, ADR 0020 §78)', () => {
  it('given a connection with the default page cache, when verified, then the log is read with a 2 MiB cache and the default is back afterwards', async () => {
    const store = SqliteEventStore.open({ dataDir: template, groupCommit: false });
    try {
      const before = store.database.pragma('cache_size', { simple: true });
      const during: unknown[] = [];
      const report = await verifyLedger({
        store,
        backend: 'sqlite',
        sqlite: store.database,
        pageSize: 5,
        onProgress: () => during.push(store.database.pragma('cache_size', { simple: true })),
      });
      expect(report.ok).toBe(true);
      expect(during.length).toBeGreaterThan(1);
      expect(new Set(during)).toEqual(new Set([-SEQUENTIAL_READ_CACHE_KIB]));
      expect(before).not.toBe(-SEQUENTIAL_READ_CACHE_KIB);
      expect(store.database.pragma('cache_size', { simple: true })).toBe(before);
    } finally {
      await store.close();
    }
  });

  it("given the log thread's connection, when opened, then it reads with the same 2 MiB cache", async () => {
    const store = openLogReader({ dataDir: template, fileName: 'ledger.sqlite' });
    try {
      expect(store.database.pragma('cache_size', { simple: true })).toBe(
        -SEQUENTIAL_READ_CACHE_KIB,
      );
    } finally {
      await store.close();
    }
  });

  it("given a verification's replay, when its scratch file is opened, then its page cache is 8 MiB, not 16 (ADR 0020 §86)", async () => {
    const store = SqliteEventStore.open({ dataDir: template, groupCommit: false });
    const work = tempDir('verify-replay-cache');
    dirs.push(work);
    const replay = SqliteReadModelReplay.open(work, undefined, {
      db: store.database,
      problems: new ProblemLog(10),
    });
    try {
      expect(REPLAY_CACHE_KIB).toBe(8_192);
      expect(replay.db.pragma('cache_size', { simple: true })).toBe(-REPLAY_CACHE_KIB);
    } finally {
      replay.close();
      await store.close();
    }
  });
});
