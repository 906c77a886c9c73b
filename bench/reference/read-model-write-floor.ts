import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { WAL_CHECKPOINT_DEFAULTS } from '@ledger/event-store/sqlite/sqlite-wal-checkpointer';
import { LEDGER_PROJECTIONS } from '@ledger/projections/projections';
import { checkpointName } from '@ledger/projections/read-model';
import { REBUILD_CACHE_SIZE } from '@ledger/projections/rebuild';
import {
  createReadModelIndexes,
  createReadModelTables,
  DOCUMENTS_TABLE,
  dropReadModelIndexes,
  JOURNAL_TABLES,
} from '@ledger/projections/sqlite/sqlite-read-model.schema';
import { SQLITE_READ_MODEL_LIMITS } from '@ledger/projections/sqlite/sqlite-read-model.store';
import {
  journalInsertSql,
  PUT_DOCUMENT_SQL,
  UPSERT_CHECKPOINTS_SQL,
} from '@ledger/projections/sqlite/sqlite-read-model.writer';

export interface WriteFloorResult {
  /** Rows written: every journal row and every document the rebuilt read models hold. */
  rows: number;
  /** The transactions, one per page of events as the rebuild commits them. */
  transactions: number;
  writeSeconds: number;
  indexSeconds: number;
  /** CPU seconds of the process over the timed writes and index builds. */
  cpuSeconds: number;
}

/** One row to write: the statement, its values, the position of the event that wrote it. */
type PendingRow = [Database.Statement, unknown[], number];

/**
 * The reference under the rebuild figure (issue #16 goal 4): what a rebuild
 * cannot go below on this machine however little work its projections do. It
 * takes the read models a rebuild leaves (`source`, after the rebuild or the
 * inline projector made them; the bench checks the two equal) and writes each
 * row once, raw, into a fresh file `scratchFile`:
 *
 * - on the rebuild's settings: WAL, `synchronous = NORMAL`, its page cache,
 *   the store's WAL backstop, secondary indexes dropped and built at the end;
 * - in its transactions: one per page of events (`replayPageSize`), holding the rows that
 *   page's events left, journal rows first, then documents, then the
 *   projections' checkpoints, as `SqliteReadModelWriter.apply` orders them.
 *
 * A rebuild writes more than this: a document many events rewrote is written
 * once per page here, a document a later event deleted not at all. It also
 * reads and parses the events and runs the projections, none of which is
 * timed here. Rows are read into memory before the clock starts.
 */
export function writeReadModelsRaw(
  source: Database.Database,
  scratchFile: string,
  /** Leave the scratch file (its test compares it with `source`). */
  options: { keep?: boolean } = {},
): WriteFloorResult {
  removeFile(scratchFile);
  const db = new Database(scratchFile);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma(`cache_size = ${REBUILD_CACHE_SIZE}`);
    db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_DEFAULTS.backstop}`);
    createReadModelTables(db);
    dropReadModelIndexes(db);
    const pages = rowsByPage(source, db);
    const checkpoint = db.prepare(UPSERT_CHECKPOINTS_SQL);
    const names = JSON.stringify(LEDGER_PROJECTIONS.map(checkpointName));
    const writePage = db.transaction((rows: PendingRow[], lastPosition: number) => {
      for (const [statement, values] of rows) statement.run(values);
      checkpoint.run(lastPosition, names);
    });
    const head = source.prepare('SELECT MAX(position) FROM events').pluck().get() as number;
    let rows = 0;
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (const [page, pending] of pages) {
      writePage(pending, Math.min(head, (page + 1) * SQLITE_READ_MODEL_LIMITS.replayPageSize));
      rows += pending.length;
    }
    const t1 = process.hrtime.bigint();
    createReadModelIndexes(db);
    const t2 = process.hrtime.bigint();
    const cpu = process.cpuUsage(cpu0);
    return {
      rows,
      transactions: pages.size,
      writeSeconds: Number(t1 - t0) / 1e9,
      indexSeconds: Number(t2 - t1) / 1e9,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
    };
  } finally {
    db.close();
    if (!options.keep) removeFile(scratchFile);
  }
}

/**
 * Every read-model row of `source` with the insert of `target` that writes
 * it, grouped by the page of events whose transaction wrote it last (a row's
 * `position`; positions are contiguous in SQLite, so page k holds positions
 * k*1000+1 … (k+1)*1000), pages in order.
 */
function rowsByPage(source: Database.Database, target: Database.Database) {
  const pageSize = SQLITE_READ_MODEL_LIMITS.replayPageSize;
  const pages = new Map<number, PendingRow[]>();
  const add = (row: PendingRow) => {
    const page = Math.floor((row[2] - 1) / pageSize);
    const rows = pages.get(page);
    if (rows) rows.push(row);
    else pages.set(page, [row]);
  };
  for (const table of JOURNAL_TABLES) {
    const insert = target.prepare(journalInsertSql(table));
    const columns = [...table.columns.map((c) => c.column), 'seq'];
    const at = columns.indexOf('position');
    const select = source.prepare(`SELECT ${columns.join(', ')} FROM ${table.table}`).raw();
    for (const values of select.iterate() as IterableIterator<unknown[]>) {
      add([insert, values, values[at] as number]);
    }
  }
  // The writer's upsert: the floor pays for the same statement.
  const put = target.prepare(PUT_DOCUMENT_SQL);
  const documents = source
    .prepare(`SELECT collection, id, doc, position FROM ${DOCUMENTS_TABLE}`)
    .raw();
  for (const values of documents.iterate() as IterableIterator<unknown[]>) {
    add([put, values, values[3] as number]);
  }
  const ordered = new Map([...pages].sort((a, b) => a[0] - b[0]));
  // Within a page: journal rows in the order of their events, then the documents.
  const documentLast = (row: PendingRow) => (row[0] === put ? 1 : 0);
  for (const rows of ordered.values()) {
    rows.sort((a, b) => documentLast(a) - documentLast(b) || a[2] - b[2]);
  }
  return ordered;
}

function removeFile(file: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
}
