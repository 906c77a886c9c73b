import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { LEDGER_PROJECTIONS } from '@ledger/projections/projections';
import { checkpointName, JournalProjection, Projection } from '@ledger/projections/read-model';
import {
  CHECKPOINT_TABLE,
  DOCUMENTS_TABLE,
  dropReadModelIndexes,
  JOURNAL_TABLES,
  JournalTable,
} from '@ledger/projections/sqlite/sqlite-read-model.schema';
import { SqliteReadModels } from '@ledger/projections/sqlite/sqlite-read-model.store';
import { columnValues } from '@ledger/projections/sqlite/sqlite-read-model.writer';
import { EventTypeRoutes } from '@ledger/projections/event-type-routes';
import { ProblemLog } from '../audit-problem';
import { compareReplayedDocuments, ReplayDocumentFile } from '../replay-document-file';

/** The replay file's page cache in KiB (64 MiB cost ~10 MB of RSS for no CPU at 100k events). */
export const REPLAY_CACHE_KIB = 8_192;

/** A journal table's replayed rows compared with the live one's, page by page. */
interface JournalCheck {
  table: JournalTable;
  projections: JournalProjection<object>[];
  /** The live rows of a range of positions, in key order, as arrays in column order. */
  liveRange: Database.Statement | undefined;
  /** The live rows after a position (those past the last replayed event). */
  liveAfter: Database.Statement | undefined;
  columns: string[];
}

/**
 * Fresh read models replayed while verification streams the log: the replay
 * half of "rebuild and compare".
 *
 * Documents go into a throw-away file of their own (`ReplayDocumentFile`:
 * their final state is compared at the end, and a projection reads them back
 * while it replays); the checkpoints into a throw-away SQLite file. Both live
 * in one temporary directory (under `workDir` when given), removed on close,
 * and are never fsynced (nothing in them must survive).
 *
 * Journal rows are never stored (issue #16): a journal projection only
 * appends, in position order, so each page's replayed rows are compared at
 * once with the live rows of the same positions (a range read on the live
 * table's primary key, inside verification's snapshot) and dropped. What
 * storing them cost, inserts into the scratch file and reading them back in
 * a second pass, was the largest share of the replay after the documents.
 */
export class SqliteReadModelReplay {
  private readonly journals: JournalCheck[];
  private readonly upsertCheckpoint: Database.Statement;
  private replayedUpTo = 0;
  /** Each projection asked only about the types it reads (ADR 0020 §106). */
  readonly routes: EventTypeRoutes;
  /** Journal rows compared and differences found so far (reported into `problems`). */
  readonly journalResult = { rowsCompared: 0, differences: 0 };

  private constructor(
    readonly db: Database.Database,
    readonly documents: ReplayDocumentFile,
    private readonly readModels: SqliteReadModels,
    journalProjections: JournalProjection<object>[],
    private readonly live: { db: Database.Database; problems: ProblemLog },
    private readonly dir: string,
    projections: readonly Projection[],
  ) {
    this.routes = new EventTypeRoutes(projections);
    this.upsertCheckpoint = db.prepare(
      `INSERT INTO ${CHECKPOINT_TABLE} (name, position) VALUES (?, ?) ` +
        'ON CONFLICT (name) DO UPDATE SET position = excluded.position',
    );
    // A live file without read models is not compared at all (compareSqliteReadModels).
    const compared = hasTable(live.db, CHECKPOINT_TABLE);
    this.journals = JOURNAL_TABLES.map((table) => {
      const projections = journalProjections.filter((p) => p.journal === table.journal);
      const liveTable = compared && hasTable(live.db, table.table);
      return {
        table,
        projections,
        liveRange: liveTable
          ? live.db
              .prepare(
                `SELECT * FROM ${table.table} WHERE position > ? AND position <= ? ORDER BY position, seq`,
              )
              .raw()
          : undefined,
        liveAfter: liveTable
          ? live.db
              .prepare(`SELECT * FROM ${table.table} WHERE position > ? ORDER BY position, seq`)
              .raw()
          : undefined,
        columns: [...table.columns.map((c) => c.column), 'seq'],
      };
    });
    for (const p of journalProjections) {
      if (!this.journals.some((j) => j.table.journal === p.journal)) {
        throw new Error(`projection ${p.name}: no SQLite table for journal ${p.journal}`);
      }
    }
  }

  /**
   * `live`: the live file (in verification's read transaction) and the problem
   * log: journals are compared with it as the replay goes, the rest in
   * `compareSqliteReadModels` at the end.
   */
  static open(
    workDir: string = os.tmpdir(),
    projections: readonly Projection[] = LEDGER_PROJECTIONS,
    live: { db: Database.Database; problems: ProblemLog },
  ): SqliteReadModelReplay {
    const dir = fs.mkdtempSync(path.join(workDir, 'ledger-verify-'));
    const db = new Database(path.join(dir, 'replay.sqlite'));
    let documentFile: ReplayDocumentFile | undefined;
    try {
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      // Bounded; the rest stays in the OS's page cache. 8 MiB, not 16: 7-9 MB
      // less at 1M events, no CPU that resolved (ADR 0020 §86).
      db.pragma(`cache_size = -${REPLAY_CACHE_KIB}`);
      const documents = projections.filter((p) => p.kind === 'document');
      const journals = projections.filter(
        (p): p is JournalProjection<object> => p.kind === 'journal',
      );
      documentFile = new ReplayDocumentFile(dir);
      const readModels = new SqliteReadModels(db, documents, { documents: documentFile });
      // Nothing reads the scratch file by them: kept up row by row they were
      // a third B-tree per document write (ADR 0020 §64).
      dropReadModelIndexes(db);
      return new SqliteReadModelReplay(
        db,
        documentFile,
        readModels,
        journals,
        live,
        dir,
        projections,
      );
    } catch (err) {
      documentFile?.close();
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }

  /** One page of events, in position order, each after the last page's. */
  apply(events: readonly RecordedEvent[]): void {
    if (events.length === 0) return;
    const routing = this.routes.probe(events);
    this.readModels.applyEvents(events, routing);
    const from = this.replayedUpTo;
    const to = events[events.length - 1].position;
    for (const journal of this.journals) {
      const rows: unknown[][] = [];
      for (const projection of journal.projections) {
        const types = this.routes.typesFor(projection);
        for (let i = 0; i < events.length; i++) {
          const event = events[i];
          if (event.position <= from) continue;
          if (!this.routes.asks(projection, types, event, routing.probed[i])) continue;
          // Numbered per event as the writer numbers them (writeOperations).
          let seq = 0;
          for (const op of projection.project(event)) {
            const rowSeq = seq++;
            try {
              rows.push([
                ...columnValues(journal.table, op.row as Record<string, unknown>),
                rowSeq,
              ]);
            } catch (err) {
              if (!(err instanceof TypeError)) throw err;
              // A tampered event (a fraction of a fen): reported, not a crash of verification.
              this.journalResult.differences += 1;
              this.live.problems.add({
                position: event.position,
                check: 'read-model',
                message: `${journal.table}: the event makes a row no read model can hold (${err.message})`,
              });
            }
          }
        }
      }
      if (journal.projections.length > 1) rows.sort(byPositionAndSeq(journal));
      this.compareJournal(journal, rows, from, to);
    }
    this.db.transaction(() => {
      for (const journal of this.journals) {
        for (const p of journal.projections) this.upsertCheckpoint.run(checkpointName(p), to);
      }
    })();
    this.replayedUpTo = to;
  }

  /** After the last page: live journal rows past it are made by no event. */
  finishJournals(): void {
    for (const journal of this.journals) {
      if (journal.liveAfter === undefined) continue;
      this.compareJournalRows(
        journal,
        journal.liveAfter.iterate(this.replayedUpTo) as IterableIterator<unknown[]>,
        [][Symbol.iterator](),
      );
    }
  }

  private compareJournal(journal: JournalCheck, rows: unknown[][], from: number, to: number): void {
    if (journal.liveRange === undefined) return;
    const live = journal.liveRange.all(from, to) as unknown[][];
    this.compareJournalRows(journal, live[Symbol.iterator](), rows[Symbol.iterator]());
  }

  private compareJournalRows(
    journal: JournalCheck,
    live: IterableIterator<unknown[]>,
    replayed: IterableIterator<unknown[]>,
  ): void {
    const { table, columns } = journal;
    const positionAt = columns.indexOf('position');
    const seqAt = columns.length - 1;
    const result = this.journalResult;
    const report = (position: number, message: string) => {
      result.differences += 1;
      this.live.problems.add({ position: Math.max(1, position), check: 'read-model', message });
    };
    merge(
      live,
      replayed,
      (a, b) => num(a[positionAt]) - num(b[positionAt]) || num(a[seqAt]) - num(b[seqAt]),
      (a, b) => {
        result.rowsCompared += 1;
        if (a === undefined) {
          report(
            num(b![positionAt]),
            `${table.table}: a row of position ${num(b![positionAt])} is missing from the live read model`,
          );
        } else if (b === undefined) {
          report(
            num(a[positionAt]),
            `${table.table}: a row of position ${num(a[positionAt])} is in the live read model, but no event makes it`,
          );
        } else {
          const i = b.findIndex((v, k) => a[k] !== v);
          if (i >= 0) {
            report(
              num(a[positionAt]),
              `${table.table}: the row of position ${num(a[positionAt])} has ${columns[i]} = ${String(a[i])} live, ${String(b[i])} by the replay`,
            );
          }
        }
      },
    );
  }

  close(): void {
    this.documents.close();
    if (this.db.open) this.db.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function byPositionAndSeq(journal: JournalCheck): (a: unknown[], b: unknown[]) => number {
  const positionAt = journal.columns.indexOf('position');
  const seqAt = journal.columns.length - 1;
  return (a, b) => num(a[positionAt]) - num(b[positionAt]) || num(a[seqAt]) - num(b[seqAt]);
}

export interface ReadModelComparison {
  /** False when the live file has no read models at all (nothing to compare). */
  liveHasReadModels: boolean;
  rowsCompared: number;
  differences: number;
}

type Row = Record<string, unknown>;

/**
 * Compares the live read models with a replay, table by table, the live
 * side read in key order (`iterate`), so memory holds a batch of rows at a
 * time however large they are; `readOnThread`: the replayed documents are
 * read on a thread of their own (`compareReplayedDocuments`). Every difference becomes a
 * `read-model` problem at the position it concerns: a journal row's own
 * position, the event that last wrote a document, the first position a
 * projection's checkpoint has not reached.
 */
export async function compareSqliteReadModels(
  live: Database.Database,
  replayed: SqliteReadModelReplay,
  problems: ProblemLog,
  options: { readOnThread?: boolean | Promise<unknown> } = {},
): Promise<ReadModelComparison> {
  const replay = replayed.db;
  const result: ReadModelComparison = { liveHasReadModels: true, rowsCompared: 0, differences: 0 };
  const report = (position: number, message: string) => {
    result.differences += 1;
    problems.add({ position: Math.max(1, position), check: 'read-model', message });
  };
  if (!hasTable(live, CHECKPOINT_TABLE)) {
    result.liveHasReadModels = false;
    return result;
  }
  compareCheckpoints(live, replay, report, result);
  if (hasTable(live, DOCUMENTS_TABLE)) {
    result.rowsCompared += await compareReplayedDocuments(
      live,
      replayed.documents,
      report,
      options,
    );
  } else {
    report(1, `the live file has no ${DOCUMENTS_TABLE} table`);
  }
  for (const table of JOURNAL_TABLES) {
    if (!hasTable(live, table.table)) report(1, `the live file has no ${table.table} table`);
  }
  // The journals were compared page by page as the replay made them.
  replayed.finishJournals();
  result.rowsCompared += replayed.journalResult.rowsCompared;
  result.differences += replayed.journalResult.differences;
  return result;
}

function compareCheckpoints(
  live: Database.Database,
  replay: Database.Database,
  report: (position: number, message: string) => void,
  result: ReadModelComparison,
): void {
  const read = (db: Database.Database) =>
    new Map(
      (db.prepare(`SELECT name, position FROM ${CHECKPOINT_TABLE}`).all() as Row[]).map((r) => [
        String(r.name),
        num(r.position),
      ]),
    );
  const a = read(live);
  const b = read(replay);
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    result.rowsCompared += 1;
    const l = a.get(name);
    const r = b.get(name);
    if (l === r) continue;
    report(
      Math.min(l ?? 0, r ?? 0) + 1,
      `read model ${name}: the live one has processed position ${l ?? 'none'}, the replay ${r ?? 'none'}`,
    );
  }
}

/** Walks two key-ordered row iterators together, calling `visit` with each key's rows. */
function merge<R>(
  left: Iterator<R>,
  right: Iterator<R>,
  compare: (a: R, b: R) => number,
  visit: (a: R | undefined, b: R | undefined) => void,
): void {
  let a = left.next();
  let b = right.next();
  try {
    while (!a.done || !b.done) {
      const order = a.done ? 1 : b.done ? -1 : compare(a.value, b.value);
      if (order < 0) {
        visit(a.value as R, undefined);
        a = left.next();
      } else if (order > 0) {
        visit(undefined, b.value as R);
        b = right.next();
      } else {
        visit(a.value as R, b.value as R);
        a = left.next();
        b = right.next();
      }
    }
  } finally {
    left.return?.();
    right.return?.();
  }
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

function hasTable(db: Database.Database, name: string): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
    undefined
  );
}
