import type Database from 'better-sqlite3';
import { collectEvery, HeapCollection, REBUILD_COLLECT_EVERY_EVENTS } from './heap-bound';
import { LEDGER_PROJECTIONS } from './projections';
import { checkpointName, Projection, ReadEventsPage } from './read-model';
import {
  CHECKPOINT_TABLE,
  createReadModelIndexes,
  createReadModelTables,
  deleteCollection,
  DOCUMENTS_TABLE,
  dropReadModelIndexes,
  dropReadModelTables,
  JOURNAL_TABLES,
} from './sqlite/sqlite-read-model.schema';
import { SQLITE_READ_MODEL_LIMITS, SqliteReadModels } from './sqlite/sqlite-read-model.store';

export interface RebuildResult {
  /** Events read and offered to the projections. */
  events: number;
  /** The checkpoint every projection has reached. */
  position: number;
}

/**
 * Throws every read model away and replays all events from position 0, in
 * pages of 500, each page in one transaction: what an auditor runs to check
 * that the live read models are exactly what the events say.
 *
 * Safe beside a live writer on the same file: while the rebuild is behind, the
 * inline projector leaves the rebuilt projections alone (their checkpoint is
 * not directly below its events), and the replay reads those events later:
 * it stops only on a page that finds nothing new.
 *
 * The read models' secondary indexes are dropped while it replays and built
 * at the end, each once (ADR 0020 §64); queries in the meantime are slower,
 * and read models half rebuilt answer nothing useful anyway.
 */
export async function rebuildSqliteReadModels(
  db: Database.Database,
  readAll: ReadEventsPage,
  projections: readonly Projection[] = LEDGER_PROJECTIONS,
  onProgress?: RebuildProgress,
  collect: HeapCollection = rebuildCollection(),
): Promise<RebuildResult> {
  db.transaction(() => {
    dropReadModelTables(db);
    createReadModelTables(db);
  }).immediate();
  const readModels = new SqliteReadModels(db, projections);
  // After the writer is made: making it creates whatever index is missing.
  db.transaction(() => dropReadModelIndexes(db)).immediate();
  return withRebuildSettings(db, async () => {
    try {
      return await replayAll(readModels, readAll, onProgress, collect);
    } finally {
      // Also after a failed replay; after a kill the next writer made on the file builds them.
      if (db.open) createReadModelIndexes(db);
    }
  });
}

/** A rebuild's full collections: every REBUILD_COLLECT_EVERY_EVENTS events of its pages. */
function rebuildCollection(): HeapCollection {
  return collectEvery(REBUILD_COLLECT_EVERY_EVENTS, SQLITE_READ_MODEL_LIMITS.replayPageSize);
}

async function replayAll(
  readModels: SqliteReadModels,
  readAll: ReadEventsPage,
  onProgress: RebuildProgress | undefined,
  collect: HeapCollection,
): Promise<RebuildResult> {
  const pageSize = SQLITE_READ_MODEL_LIMITS.replayPageSize;
  let after = 0;
  let events = 0;
  let pages = 0;
  for (;;) {
    const page = await readAll(after, pageSize);
    if (page.length === 0) break;
    if (pages > 0 && pages % collect.everyPages === 0) collect.run();
    readModels.applyEvents(page);
    pages += 1;
    events += page.length;
    after = page[page.length - 1].position;
    onProgress?.(events, after);
  }
  return { events, position: readModels.checkpointNow() };
}

/** The page cache of the rebuilding connection while it replays (KiB, negative: SQLite's unit). */
export const REBUILD_CACHE_SIZE = -16_384;

/**
 * The rebuilding connection's automatic checkpoint while it replays, in WAL
 * frames (~126 MiB of 4 KiB pages and their headers). A replay's page
 * rewrites the same documents and index pages many times; at SQLite's
 * 1,000 frames (what `ledger rebuild` had) or the API's backstop of 8,000
 * (what the bench had) the replay copied them into the database and synced
 * it every one or few pages, on its own thread (§75).
 */
export const REBUILD_WAL_AUTOCHECKPOINT_FRAMES = 32_000;

/**
 * Runs a replay with the connection tuned for it, then puts its settings back
 * (a test or the API may rebuild on the connection it keeps using).
 *
 * A replay commits one page per transaction, two thousand of them on a
 * million events: under `synchronous = FULL` each waits for an fsync of the
 * WAL. In WAL mode `NORMAL` cannot corrupt the file; a power loss may undo
 * the last pages, and since each page's checkpoints commit with its rows the
 * next start's catch-up replays exactly those (the "rebuild that restarts").
 * Only this connection's commits change; a live API keeps its own FULL
 * commits, which fsync the WAL for everything before them. The larger page
 * cache (16 MiB against SQLite's 2 MiB; 32 MiB put the rebuild's peak RSS
 * above the 200 MB goal) keeps the documents a page rewrites
 * from spilling to the WAL in the middle of its transaction. The WAL runs
 * up to REBUILD_WAL_AUTOCHECKPOINT_FRAMES before this connection copies it
 * into the database: a rebuild may hold ~126 MiB more on disk while it runs,
 * and closing the file (the CLI does) checkpoints and removes the WAL.
 */
async function withRebuildSettings<T>(db: Database.Database, run: () => Promise<T>): Promise<T> {
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  const autocheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  const wal = db.pragma('journal_mode', { simple: true }) === 'wal';
  if (wal) {
    db.pragma('synchronous = NORMAL');
    db.pragma(`wal_autocheckpoint = ${REBUILD_WAL_AUTOCHECKPOINT_FRAMES}`);
  }
  db.pragma(`cache_size = ${Math.min(cacheSize, REBUILD_CACHE_SIZE)}`);
  try {
    return await run();
  } finally {
    if (db.open) {
      db.pragma(`synchronous = ${synchronous}`);
      db.pragma(`cache_size = ${cacheSize}`);
      db.pragma(`wal_autocheckpoint = ${autocheckpoint}`);
    }
  }
}

/** Called after each page of a rebuild: events replayed so far, the last position. */
export type RebuildProgress = (events: number, position: number) => void;

/**
 * Rebuilds one read model from position 0 and leaves the others alone: its
 * rows (its journal table or its document collection) and its checkpoint go
 * in one transaction, then every event is replayed into it, page by page.
 * Safe beside a live writer for the same reason as a full rebuild (the
 * inline projector leaves a projection that is behind to the catch-up).
 */
export async function rebuildSqliteProjection(
  db: Database.Database,
  readAll: ReadEventsPage,
  projection: Projection,
  onProgress?: RebuildProgress,
  all: readonly Projection[] = LEDGER_PROJECTIONS,
  collect: HeapCollection = rebuildCollection(),
): Promise<RebuildResult> {
  const sharing = all.filter(
    (p) =>
      p.name !== projection.name &&
      ((p.kind === 'journal' &&
        projection.kind === 'journal' &&
        p.journal === projection.journal) ||
        (p.kind === 'document' &&
          projection.kind === 'document' &&
          p.collection === projection.collection)),
  );
  if (sharing.length > 0) {
    throw new Error(
      `projection ${projection.name} shares its storage with ${sharing.map((p) => p.name).join(', ')}: rebuild them all`,
    );
  }
  db.transaction(() => {
    createReadModelTables(db);
    if (projection.kind === 'journal') {
      const table = JOURNAL_TABLES.find((t) => t.journal === projection.journal);
      if (!table) throw new Error(`no SQLite table for journal ${projection.journal}`);
      db.prepare(`DELETE FROM ${table.table}`).run();
    } else {
      deleteCollection(db, projection.collection);
    }
    db.prepare(`DELETE FROM ${CHECKPOINT_TABLE} WHERE name = ? OR substr(name, 1, ?) = ?`).run(
      checkpointName(projection),
      projection.name.length + 2,
      `${projection.name}.v`,
    );
  }).immediate();
  return withRebuildSettings(db, () =>
    replayAll(new SqliteReadModels(db, [projection]), readAll, onProgress, collect),
  );
}

export interface ReadModelDump {
  [table: string]: Record<string, unknown>[];
}

/**
 * Every read-model table, each sorted by its key, documents parsed: two dumps
 * are equal exactly when the read models are.
 */
export function dumpSqliteReadModels(db: Database.Database): ReadModelDump {
  const dump: ReadModelDump = {};
  dump[CHECKPOINT_TABLE] = db
    .prepare(`SELECT name, position FROM ${CHECKPOINT_TABLE} ORDER BY name`)
    .all() as Record<string, unknown>[];
  dump[DOCUMENTS_TABLE] = (
    db
      .prepare(
        `SELECT collection, id, position, doc FROM ${DOCUMENTS_TABLE} ORDER BY collection, id`,
      )
      .all() as { collection: string; id: string; position: number; doc: string }[]
  ).map((r) => ({ ...r, doc: JSON.parse(r.doc) as unknown }));
  for (const table of JOURNAL_TABLES) {
    dump[table.table] = db
      .prepare(`SELECT * FROM ${table.table} ORDER BY position, seq`)
      .all() as Record<string, unknown>[];
  }
  return dump;
}
