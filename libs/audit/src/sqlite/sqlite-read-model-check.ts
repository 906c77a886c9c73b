import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { LEDGER_PROJECTIONS } from '@ledger/projections/projections';
import type { Projection } from '@ledger/projections/read-model';
import {
  CHECKPOINT_TABLE,
  DOCUMENTS_TABLE,
  JOURNAL_TABLES,
} from '@ledger/projections/sqlite/sqlite-read-model.schema';
import { SqliteReadModels } from '@ledger/projections/sqlite/sqlite-read-model.store';
import { AuditProblem, ProblemLog } from '../audit-problem';
import { canonicalJson } from '@ledger/event-store/integrity/canonical-json';

/**
 * Fresh read models in a throw-away SQLite file, fed page by page while
 * verification streams the log: the replay half of "rebuild and compare".
 * The file lives in its own temporary directory (under `workDir` when given)
 * and is removed on close; it is never fsynced (nothing in it must survive).
 */
export class SqliteReadModelReplay {
  private constructor(
    readonly db: Database.Database,
    private readonly readModels: SqliteReadModels,
    private readonly dir: string,
  ) {}

  static open(
    workDir: string = os.tmpdir(),
    projections: readonly Projection[] = LEDGER_PROJECTIONS,
  ): SqliteReadModelReplay {
    const dir = fs.mkdtempSync(path.join(workDir, 'ledger-verify-'));
    const db = new Database(path.join(dir, 'replay.sqlite'));
    try {
      db.pragma('journal_mode = OFF');
      db.pragma('synchronous = OFF');
      // Bounded page cache (64 MiB); the rest stays on disk.
      db.pragma('cache_size = -65536');
      return new SqliteReadModelReplay(db, new SqliteReadModels(db, projections), dir);
    } catch (err) {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }

  apply(events: readonly RecordedEvent[]): void {
    if (events.length > 0) this.readModels.applyEvents(events);
  }

  close(): void {
    if (this.db.open) this.db.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface ReadModelComparison {
  /** False when the live file has no read models at all (nothing to compare). */
  liveHasReadModels: boolean;
  rowsCompared: number;
  differences: number;
}

type Row = Record<string, unknown>;

/**
 * Compares the live read models with a replay, table by table, both sides
 * read in key order in lockstep (`iterate`), so memory holds one row of each
 * side at a time however large they are. Every difference becomes a
 * `read-model` problem at the position it concerns: a journal row's own
 * position, the event that last wrote a document, the first position a
 * projection's checkpoint has not reached.
 */
export function compareSqliteReadModels(
  live: Database.Database,
  replay: Database.Database,
  problems: ProblemLog,
): ReadModelComparison {
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
  const documentSql = `SELECT collection, id, position, doc FROM ${DOCUMENTS_TABLE} ORDER BY collection, id`;
  if (hasTable(live, DOCUMENTS_TABLE)) {
    merge(
      live.prepare(documentSql).iterate() as IterableIterator<Row>,
      replay.prepare(documentSql).iterate() as IterableIterator<Row>,
      (a, b) =>
        compareText(String(a.collection), String(b.collection)) ||
        compareText(String(a.id), String(b.id)),
      (a, b) => {
        result.rowsCompared += 1;
        if (a === undefined) {
          report(num(b!.position), `${b!.collection} ${b!.id}: missing from the live read model`);
        } else if (b === undefined) {
          report(
            num(a.position),
            `${a.collection} ${a.id}: in the live read model, but no event makes it`,
          );
        } else if (a.doc !== b.doc && !sameJson(String(a.doc), String(b.doc))) {
          // Written last by different events: the later one is the one a side lacks.
          report(
            Math.max(num(a.position), num(b.position)),
            `${a.collection} ${a.id}: the live document differs from the replay of the events`,
          );
        } else if (a.position !== b.position) {
          report(
            Math.max(num(a.position), num(b.position)),
            `${a.collection} ${a.id}: last written at position ${num(a.position)} live, ${num(b.position)} by the replay`,
          );
        }
      },
    );
  } else {
    report(1, `the live file has no ${DOCUMENTS_TABLE} table`);
  }
  for (const table of JOURNAL_TABLES) {
    if (!hasTable(live, table.table)) {
      report(1, `the live file has no ${table.table} table`);
      continue;
    }
    const sql = `SELECT * FROM ${table.table} ORDER BY position, seq`;
    merge(
      live.prepare(sql).iterate() as IterableIterator<Row>,
      replay.prepare(sql).iterate() as IterableIterator<Row>,
      (a, b) => num(a.position) - num(b.position) || num(a.seq) - num(b.seq),
      (a, b) => {
        result.rowsCompared += 1;
        if (a === undefined) {
          report(
            num(b!.position),
            `${table.table}: a row of position ${num(b!.position)} is missing from the live read model`,
          );
        } else if (b === undefined) {
          report(
            num(a.position),
            `${table.table}: a row of position ${num(a.position)} is in the live read model, but no event makes it`,
          );
        } else {
          const column = Object.keys(b).find((k) => a[k] !== b[k]);
          if (column !== undefined) {
            report(
              num(a.position),
              `${table.table}: the row of position ${num(a.position)} has ${column} = ${String(a[column])} live, ${String(b[column])} by the replay`,
            );
          }
        }
      },
    );
  }
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
function merge(
  left: IterableIterator<Row>,
  right: IterableIterator<Row>,
  compare: (a: Row, b: Row) => number,
  visit: (a: Row | undefined, b: Row | undefined) => void,
): void {
  let a = left.next();
  let b = right.next();
  try {
    while (!a.done || !b.done) {
      const order = a.done ? 1 : b.done ? -1 : compare(a.value, b.value);
      if (order < 0) {
        visit(a.value as Row, undefined);
        a = left.next();
      } else if (order > 0) {
        visit(undefined, b.value as Row);
        b = right.next();
      } else {
        visit(a.value as Row, b.value as Row);
        a = left.next();
        b = right.next();
      }
    }
  } finally {
    left.return?.();
    right.return?.();
  }
}

/** SQLite's BINARY collation (UTF-8 bytes), which ORDER BY used. */
function compareText(a: string, b: string): number {
  if (ASCII.test(a) && ASCII.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

function sameJson(a: string, b: string): boolean {
  try {
    return canonicalJson(JSON.parse(a)) === canonicalJson(JSON.parse(b));
  } catch {
    return false;
  }
}

function hasTable(db: Database.Database, name: string): boolean {
  return (
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !==
    undefined
  );
}

/**
 * The SQLite store's own bookkeeping: `streams` must hold each stream's last
 * revision. An event inserted behind the store's back (a raw INSERT) or a
 * removed last event leaves them disagreeing.
 */
export function checkSqliteStreamsTable(
  db: Database.Database,
  problems: ProblemLog,
  max = 100,
): number {
  const rows = db
    .prepare(
      `SELECT g.stream AS stream, g.revision AS eventsRevision, g.position AS position, s.revision AS streamsRevision
         FROM (SELECT stream, MAX(revision) AS revision, MAX(position) AS position FROM events GROUP BY stream) g
         LEFT JOIN streams s ON s.stream = g.stream
        WHERE s.revision IS NULL OR s.revision <> g.revision
       UNION ALL
       SELECT s.stream, NULL, NULL, s.revision FROM streams s
        WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.stream = s.stream)
       LIMIT ?`,
    )
    .all(max) as {
    stream: string;
    eventsRevision: number | null;
    position: number | null;
    streamsRevision: number | null;
  }[];
  for (const r of rows) {
    const problem: AuditProblem = {
      position: r.position ?? 1,
      check: 'store',
      stream: r.stream,
      message:
        r.eventsRevision === null
          ? `the store says stream ${r.stream} is at revision ${r.streamsRevision}, but it has no events`
          : `the last event of stream ${r.stream} has revision ${r.eventsRevision}, but the store says ${r.streamsRevision ?? 'no revision'}: an event was written or removed behind the store's back`,
    };
    problems.add(problem);
  }
  return rows.length;
}
