import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';
import { SqliteWalPreallocator, WalPreallocationOptions } from './sqlite-wal-preallocator';

// The preallocator's sync can be made to fail (a full disk); it does what Node's does otherwise.
jest.mock('node:fs', () => {
  const actual = jest.requireActual<typeof import('node:fs')>('node:fs');
  return { ...actual, fdatasyncSync: jest.fn(actual.fdatasyncSync) };
});
const KIB = 1024;
const SMALL: WalPreallocationOptions = { startFrames: 8, chunkBytes: 64 * KIB, maxFrames: 120 };
const SMALL_MAX_BYTES = 32 + 120 * (24 + 4096);

/** ADR 0020 §61: the WAL file grown ahead of the frames SQLite writes. */
describe('SqliteWalPreallocator', () => {
  let dir: string;
  const open: Database.Database[] = [];
  const connect = (file = path.join(dir, 'wal.sqlite')) => {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('wal_autocheckpoint = 0'); // the WAL only grows here: every frame stays in it
    open.push(db);
    return db;
  };
  const framesOf = (db: Database.Database) =>
    (db.pragma('wal_checkpoint(NOOP)') as Array<{ log: number }>)[0].log;
  const walSize = (db: Database.Database) => fs.statSync(`${db.name}-wal`).size;
  const usedBytes = (db: Database.Database) => 32 + framesOf(db) * (24 + 4096);
  /** One commit of `rows` rows of 3,900 characters: a page a row. */
  const commit = (db: Database.Database, from: number, rows: number) =>
    db.transaction(() => {
      const insert = db.prepare('INSERT INTO t (n, filler) VALUES (?, ?)');
      for (let n = from; n < from + rows; n++) insert.run(n, `${n}`.padEnd(3_900, 'x'));
    })();

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-wal-prealloc-'));
  });
  afterEach(() => {
    for (const db of open.splice(0)) if (db.open) db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('given a WAL past its first frames, when commits follow, then its file is grown a chunk ahead of them, never past the maximum, and a small WAL is left alone', () => {
    const db = connect();
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, filler TEXT NOT NULL)');
    const failures: Error[] = [];
    const grower = new SqliteWalPreallocator(db, (e) => failures.push(e), SMALL);
    commit(db, 0, 2);
    grower.afterCommit(framesOf(db));
    expect(walSize(db)).toBe(usedBytes(db)); // under startFrames: as SQLite left it
    let rows = 2;
    while (usedBytes(db) < SMALL_MAX_BYTES - 16 * KIB) {
      commit(db, rows, 4);
      rows += 4;
      grower.afterCommit(framesOf(db));
      expect(walSize(db)).toBeGreaterThanOrEqual(usedBytes(db));
      if (framesOf(db) >= SMALL.startFrames && usedBytes(db) < SMALL_MAX_BYTES - SMALL.chunkBytes) {
        expect(walSize(db) - usedBytes(db)).toBeGreaterThan(SMALL.chunkBytes / 2);
      }
      expect(walSize(db)).toBeLessThanOrEqual(SMALL_MAX_BYTES);
    }
    expect(walSize(db)).toBe(SMALL_MAX_BYTES);
    expect(failures).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: rows });
  });

  it('given a grown WAL, when the files are copied as they are (a power cut) and opened, then every committed row is there and the database is intact', () => {
    const db = connect();
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, filler TEXT NOT NULL)');
    const grower = new SqliteWalPreallocator(db, () => undefined, SMALL);
    let rows = 0;
    for (let i = 0; i < 12; i++) {
      commit(db, rows, 5);
      rows += 5;
      grower.afterCommit(framesOf(db));
    }
    expect(walSize(db)).toBeGreaterThan(usedBytes(db) + SMALL.chunkBytes / 2);
    const image = path.join(dir, 'image');
    fs.mkdirSync(image);
    for (const suffix of ['', '-wal']) {
      fs.copyFileSync(`${db.name}${suffix}`, path.join(image, `wal.sqlite${suffix}`));
    }
    const copy = new Database(path.join(image, 'wal.sqlite'));
    open.push(copy);
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: rows });
  });

  it('given two connections on one file each growing the WAL, when they commit in turns, then no frame is overwritten: every row is there', () => {
    const a = connect();
    a.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, filler TEXT NOT NULL)');
    const b = connect(a.name);
    const growA = new SqliteWalPreallocator(a, () => undefined, SMALL);
    const growB = new SqliteWalPreallocator(b, () => undefined, SMALL);
    let rows = 0;
    for (let i = 0; i < 16; i++) {
      const [db, grower] = i % 2 === 0 ? [a, growA] : [b, growB];
      commit(db, rows, 3);
      rows += 3;
      grower.afterCommit(framesOf(db));
      if (framesOf(db) >= SMALL.startFrames) expect(walSize(db)).toBeGreaterThan(usedBytes(db));
    }
    expect(b.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: rows });
    expect(b.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('given a growth that fails (a full disk), then the bytes it added are given back, it is said once, growing stops, and the database goes on', () => {
    const db = connect();
    db.exec('CREATE TABLE t (n INTEGER PRIMARY KEY, filler TEXT NOT NULL)');
    const failures: Error[] = [];
    const grower = new SqliteWalPreallocator(db, (e) => failures.push(e), SMALL);
    commit(db, 0, 10);
    const before = walSize(db);
    jest.mocked(fs.fdatasyncSync).mockImplementationOnce(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    });
    grower.afterCommit(framesOf(db));
    expect(fs.fdatasyncSync).toHaveBeenCalled();
    expect(failures.map((e) => e.message)).toEqual(['ENOSPC: no space left on device']);
    expect(walSize(db)).toBe(before);
    commit(db, 10, 10);
    grower.afterCommit(framesOf(db));
    expect(walSize(db)).toBe(usedBytes(db)); // stopped: SQLite grows it alone
    expect(db.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 20 });
  });

  it('given a store under appends that take its WAL past the first frames, then its WAL file runs ahead of the frames', async () => {
    const store = SqliteEventStore.open({ dataDir: dir });
    try {
      const filler = 'x'.repeat(8_000); // two pages an event
      await Promise.all(
        Array.from({ length: 400 }, (_, i) =>
          store.append(
            `s-${i}`,
            [
              {
                type: 'Filled',
                data: { i, filler },
                metadata: { actor: 'a', role: 'r', businessDate: '2024-01-01', recordedAt: 'now' },
              },
            ],
            'no_stream',
          ),
        ),
      );
      const db = store.database;
      expect(framesOf(db)).toBeGreaterThan(500);
      expect(walSize(db)).toBeGreaterThan(usedBytes(db) + 4 * 1024 * KIB);
    } finally {
      await store.close();
    }
  });
});
