import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpillIndex, spillHash } from './spill-index';

export const SPILL_LIMITS = {
  /**
   * Entries a map keeps in memory (~200 bytes each): verification touches a
   * key with a few events close together in the log, so the newest entries
   * are the ones asked for again.
   */
  hotEntries: 4_096,
  /** SQLite's page cache of the spill file, in KiB. */
  cacheKiB: 4_096,
} as const;

/**
 * Where the `SpillMap`s of one verification put the entries they do not keep
 * in memory (issue #16): one throw-away SQLite file in a temporary directory
 * of its own, never fsynced, removed on `close`. With a million events the
 * per-stream and per-person state of the checks is several hundred MB as JS
 * Maps; here it costs a bounded page cache, disk and ~16 bytes an entry of
 * `SpillIndex`.
 *
 * The file is a log: entries are appended in row-id order (a B-tree keyed by
 * the keys cost a random page per insert and per look-up of a new key:
 * 53 -> 127 CPU s at 1M events) and an entry taken back leaves a dead row.
 * The index answers "not spilled" without reading the file.
 */
export class SpillStore {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement;
  private readonly row: Database.Statement;
  private readonly index = new SpillIndex();
  /** Its temporary directory (removed on close). */
  readonly dir: string;
  private maps = 0;

  constructor(
    readonly hotEntries: number = SPILL_LIMITS.hotEntries,
    workDir: string = os.tmpdir(),
  ) {
    if (!Number.isSafeInteger(hotEntries) || hotEntries < 1) {
      throw new RangeError('hotEntries must be a positive integer');
    }
    this.dir = fs.mkdtempSync(path.join(workDir, 'ledger-verify-state-'));
    this.db = new Database(path.join(this.dir, 'state.sqlite'));
    try {
      this.db.pragma('journal_mode = OFF');
      this.db.pragma('synchronous = OFF');
      this.db.pragma(`cache_size = -${SPILL_LIMITS.cacheKiB}`);
      this.db.exec(
        'CREATE TABLE spilled (id INTEGER PRIMARY KEY, map INTEGER NOT NULL, ' +
          'key TEXT NOT NULL, value TEXT NOT NULL)',
      );
      this.insert = this.db.prepare('INSERT INTO spilled (map, key, value) VALUES (?, ?, ?)');
      this.row = this.db.prepare('SELECT map, key, value FROM spilled WHERE id = ?').raw();
    } catch (err) {
      this.close();
      throw err;
    }
  }

  /** A new, empty map spilling here. */
  map(): SpillMap {
    this.maps += 1;
    return new SpillMap(this, this.maps);
  }

  /** Takes the entry out of the file and answers its value (undefined when not there). */
  take(map: number, key: string): string | undefined {
    let value: string | undefined;
    this.index.take(spillHash(map, key), (id) => {
      const [m, k, v] = this.row.get(id) as [number, string, string];
      if (m !== map || k !== key) return false;
      value = v;
      return true;
    });
    return value;
  }

  /** Writes entries no longer in memory (none of them is in the file). */
  put(map: number, entries: readonly [string, string][]): void {
    this.db.transaction(() => {
      for (const [key, value] of entries) {
        const id = Number(this.insert.run(map, key, value).lastInsertRowid);
        this.index.add(spillHash(map, key), id);
      }
    })();
  }

  close(): void {
    if (this.db?.open) this.db.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A `Map<string, string>` for the state a check keeps per key (per stream,
 * per person, per claim) that keeps its newest entries in memory and the
 * rest in a `SpillStore`: each key is in exactly one of the two, so the size
 * is exact and an entry read back is the last one written. Without a store
 * it is a plain Map (unit tests, small callers).
 */
export class SpillMap {
  private readonly hot = new Map<string, string>();
  /** Entries in the store's file. */
  private cold = 0;
  /** The last key looked for and found nowhere: setting it needs no look in the file. */
  private absent: string | undefined;

  constructor(
    private readonly store?: SpillStore,
    private readonly id = 0,
  ) {}

  get size(): number {
    return this.hot.size + this.cold;
  }

  get(key: string): string | undefined {
    const value = this.hot.get(key);
    if (value !== undefined || this.cold === 0) return value;
    const found = this.store!.take(this.id, key);
    if (found === undefined) {
      this.absent = key;
      return undefined;
    }
    this.cold -= 1;
    this.hot.set(key, found);
    this.spillIfFull();
    return found;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: string): this {
    if (this.cold > 0 && key !== this.absent && !this.hot.has(key)) {
      if (this.store!.take(this.id, key) !== undefined) this.cold -= 1;
    }
    this.absent = undefined;
    this.hot.set(key, value);
    this.spillIfFull();
    return this;
  }

  delete(key: string): boolean {
    if (this.hot.delete(key)) return true;
    if (this.cold === 0 || key === this.absent) return false;
    if (this.store!.take(this.id, key) === undefined) return false;
    this.cold -= 1;
    return true;
  }

  /** Over the limit: the oldest quarter goes to the file (a Map iterates in insertion order). */
  private spillIfFull(): void {
    const store = this.store;
    if (store === undefined || this.hot.size <= store.hotEntries) return;
    const out: [string, string][] = [];
    const count = Math.max(1, Math.floor(store.hotEntries / 4));
    for (const entry of this.hot) {
      out.push(entry);
      if (out.length >= count) break;
    }
    store.put(this.id, out);
    for (const [key] of out) this.hot.delete(key);
    this.cold += out.length;
  }
}

/** A new map of the store, or a plain in-memory one when there is no store. */
export function spillMapOf(store: SpillStore | undefined): SpillMap {
  return store?.map() ?? new SpillMap();
}
