import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConcurrencyError, EventToAppend } from '../event-store.port';
import { deleteEventsBehindTheStore } from '../../test-support/delete-behind-the-store';
import { readLogAnchorSlots } from './log-anchor-file';
import { SqliteEventStore } from './sqlite-event-store';
import {
  assertLogReachesAnchor,
  LOG_ANCHOR_FILE,
  LogAnchorError,
  logHeadOf,
  readLogAnchor,
  SqliteLogAnchor,
} from './sqlite-log-anchor';

const event = (n: number): EventToAppend => ({
  type: 'Thing',
  data: { n },
  metadata: { actor: 'a', role: 'r', businessDate: '2024-01-01', recordedAt: 'now' },
});

/** Issue #12, point 2: the log head recorded outside the database after each commit. */
describe('SqliteLogAnchor', () => {
  let dir: string;
  let anchorDir: string;
  let warnings: string[];
  const stores: SqliteEventStore[] = [];
  const anchorFile = () => path.join(anchorDir, LOG_ANCHOR_FILE);
  const open = (options: { groupCommit?: false } = {}) => {
    const anchor = new SqliteLogAnchor(anchorDir, { onWarning: (m) => warnings.push(m) });
    const store = SqliteEventStore.open({ dataDir: dir, anchor, ...options });
    stores.push(store);
    return { store, anchor };
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-anchor-'));
    anchorDir = path.join(dir, 'elsewhere');
    fs.mkdirSync(anchorDir);
    warnings = [];
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('given concurrent appends, when they are committed, then the anchor is written once per group commit, at the head, before any is answered', async () => {
    const { store, anchor } = open();
    const behindTheAnchor: number[] = [];
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        store.append(`s-${i}`, [event(i), event(i)], 'no_stream').then(({ position }) => {
          // An answered append is never beyond the anchor on disk.
          if (position > readLogAnchor(anchorFile())!.position) behindTheAnchor.push(position);
        }),
      ),
    );
    expect(behindTheAnchor).toEqual([]);
    const stats = store.appendStats();
    expect(stats.transactions).toBeLessThan(50);
    expect(anchor.writes).toBe(stats.transactions);
    expect(readLogAnchor(anchorFile())).toEqual(logHeadOf(store.database));
    expect(readLogAnchor(anchorFile())!.position).toBe(100);
    expect(fs.statSync(anchorFile()).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(anchorDir)).toEqual([LOG_ANCHOR_FILE]); // no temporary left
    expect(fs.existsSync(path.join(dir, LOG_ANCHOR_FILE))).toBe(false);
  });

  it('given more appends in flight than one transaction takes, when they are committed, then one anchor write answers up to 8 transactions, and none is answered before the anchor covers it', async () => {
    const { store, anchor } = open();
    const behindTheAnchor: number[] = [];
    // 600 appends: 10 transactions of at most 64; the last 10 find their stream made earlier.
    const outcomes = await Promise.allSettled(
      Array.from({ length: 600 }, (_, i) =>
        store.append(`s-${i % 590}`, [event(i)], 'no_stream').then(({ position }) => {
          if (position > readLogAnchor(anchorFile())!.position) behindTheAnchor.push(position);
          return position;
        }),
      ),
    );
    expect(behindTheAnchor).toEqual([]);
    expect(store.appendStats().transactions).toBe(10);
    expect(anchor.writes).toBe(2); // 8 transactions, then the 2 that emptied the queue
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(refused).toHaveLength(10);
    for (const o of refused)
      expect((o as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    expect(readLogAnchor(anchorFile())).toEqual(logHeadOf(store.database));
    expect(readLogAnchor(anchorFile())!.position).toBe(590);
  });

  it('given appends without group commit and check-only appends, then each commit that wrote moves the anchor and nothing else does', async () => {
    const { store, anchor } = open({ groupCommit: false });
    await store.append('s', [event(1)], 'no_stream');
    await store.append('s', [], 0);
    await store.append('s', [event(2), event(3)], 0);
    expect(anchor.writes).toBe(2);
    expect(readLogAnchor(anchorFile())!.position).toBe(3);
  });

  it('given two connections on one file (two processes), when they append in turn, then the anchor follows the head and never moves back, and its other slot holds the anchor before', async () => {
    const a = open();
    const b = open();
    let inode: number | undefined;
    for (let i = 0; i < 10; i++) {
      const store = i % 3 === 0 ? a.store : b.store;
      await store.append(`s-${i}`, [event(i)], 'no_stream');
      expect(readLogAnchor(anchorFile())!.position).toBe(i + 1);
      // Whichever connection wrote last, a torn next write leaves this one (ADR 0020 §60).
      const slots = readLogAnchorSlots(anchorFile()).map((slot) => slot?.position);
      expect(new Set(slots)).toEqual(new Set(i === 0 ? [1, undefined] : [i, i + 1]));
      inode ??= fs.statSync(anchorFile()).ino;
    }
    expect(fs.statSync(anchorFile()).ino).toBe(inode); // written in place, never renamed
  });

  it('given an anchor file in format 1 (before ADR 0020 §60), when opened, then it is checked, rewritten in format 2 at the same head, and later commits go in place', async () => {
    const first = open();
    await first.store.append('s', [event(1), event(2)], 'no_stream');
    const head = logHeadOf(first.store.database)!;
    await first.store.close();
    fs.writeFileSync(anchorFile(), `${JSON.stringify({ version: 1, ...head })}\n`, { mode: 0o600 });
    const { store } = open();
    expect(readLogAnchorSlots(anchorFile())).toEqual([head, undefined]);
    await store.append('s', [event(3)], 1);
    expect(readLogAnchor(anchorFile())).toEqual(logHeadOf(store.database));
    expect(readLogAnchorSlots(anchorFile())).toEqual([head, logHeadOf(store.database)]);
    expect(warnings).toEqual([]);
  });

  it('given an anchor file in format 1 that the log does not reach, when opened, then it is refused and left as it was', async () => {
    const { store } = open();
    await store.append('s', [event(1)], 'no_stream');
    await store.close();
    const stale = `${JSON.stringify({ version: 1, position: 9, hash: 'b'.repeat(64) })}\n`;
    fs.writeFileSync(anchorFile(), stale, { mode: 0o600 });
    expect(() => open()).toThrow('log ends at position 1 but anchor says 9: events 2–9 missing');
    expect(fs.readFileSync(anchorFile(), 'utf8')).toBe(stale);
  });

  it('given a log shorter than its anchor, when opened, then it is refused naming the missing range', async () => {
    const { store } = open();
    for (let i = 0; i < 5; i++) await store.append(`s-${i}`, [event(i)], 'no_stream');
    await store.close();
    const raw = new Database(path.join(dir, 'ledger.sqlite'));
    deleteEventsBehindTheStore(raw, 'position > 2');
    raw.close();
    expect(() => open()).toThrow(LogAnchorError);
    expect(() => open()).toThrow(
      `log ends at position 2 but anchor says 5: events 3–5 missing (anchor ${anchorFile()})`,
    );
    expect(() => assertLogReachesAnchor(path.join(dir, 'ledger.sqlite'), anchorDir)).toThrow(
      'events 3–5 missing',
    );
  });

  it('given the event at the anchor rewritten, when opened, then it is refused', async () => {
    const { store } = open();
    await store.append('s', [event(1), event(2)], 'no_stream');
    await store.close();
    const raw = new Database(path.join(dir, 'ledger.sqlite'));
    raw.prepare(`UPDATE events SET data = '{"n":99}' WHERE position = 2`).run();
    raw.close();
    expect(() => open()).toThrow(/the event at position 2 is not the one the anchor recorded/);
  });

  it('given no anchor beside a log, when opened, then it says so and anchors the head', async () => {
    const { store } = open();
    await store.append('s', [event(1)], 'no_stream');
    await store.close();
    fs.rmSync(anchorFile());
    open();
    expect(warnings).toEqual([expect.stringMatching(/ledger\.anchor is missing/)]);
    expect(readLogAnchor(anchorFile())!.position).toBe(1);
  });

  it('given a damaged anchor file, when opened or checked, then it is refused', () => {
    fs.writeFileSync(anchorFile(), '{"position": "x"}');
    expect(() => open()).toThrow(/is damaged/);
    expect(() => assertLogReachesAnchor(path.join(dir, 'ledger.sqlite'), anchorDir)).toThrow(
      /is damaged/,
    );
  });

  it('given an anchor and no database file, when checked before start, then it is refused', () => {
    fs.writeFileSync(anchorFile(), JSON.stringify({ position: 7, hash: 'a'.repeat(64) }));
    expect(() => assertLogReachesAnchor(path.join(dir, 'ledger.sqlite'), anchorDir)).toThrow(
      /is missing but anchor says 7: events 1–7 missing/,
    );
  });

  it('given the anchor cannot be written, when appending, then the append still succeeds and it is said', async () => {
    const { store } = open();
    fs.rmSync(anchorDir, { recursive: true });
    await expect(store.append('s', [event(1)], 'no_stream')).resolves.toMatchObject({
      position: 1,
    });
    expect(warnings).toEqual([expect.stringMatching(/could not write .*ledger\.anchor/)]);
  });
});
