import type Database from 'better-sqlite3';

/**
 * The page cache, in KiB, of a connection verification reads the log
 * through: front to back, each page once, so a larger cache keeps nothing
 * that is read again. better-sqlite3's SQLite defaults to 16,000 KiB a
 * connection; verification reads through two (the caller's, which feeds
 * the replay, and the log thread's), and each filled its cache to the
 * default over a long log (issue #16, ADR 0020 §78: peak RSS −30 MB at 200k
 * events and at 1M, no slower).
 */
export const SEQUENTIAL_READ_CACHE_KIB = 2_048;

/** Sets the connection's page cache for a front-to-back read; returns what puts the old size back. */
export function useSequentialReadCache(db: Database.Database): () => void {
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = -${SEQUENTIAL_READ_CACHE_KIB}`);
  return () => {
    if (db.open) db.pragma(`cache_size = ${cacheSize}`);
  };
}
