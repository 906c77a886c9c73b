import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import {
  LogAnchor,
  LogAnchorError,
  readLogAnchor,
  readLogAnchorFile,
  writeLogAnchorSlot,
} from './log-anchor-file';

export { LogAnchor, LogAnchorError, readLogAnchor, writeLogAnchor } from './log-anchor-file';

/** The anchor's file name, in the data directory or `LEDGER_ANCHOR_DIR`. */
export const LOG_ANCHOR_FILE = 'ledger.anchor';

interface HeadRow {
  position: number;
  eventId: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

const HEAD_COLUMNS =
  'position, event_id AS eventId, stream, revision, type, data, metadata FROM events';

/**
 * SHA-256 over an event row exactly as stored (data and metadata as their
 * stored text), so any change to the row, its position included, changes it.
 */
export function eventRowHash(row: HeadRow): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        row.position,
        row.eventId,
        row.stream,
        row.revision,
        row.type,
        row.data,
        row.metadata,
      ]),
    )
    .digest('hex');
}

/** The anchor of the log as it is in `db` now (undefined: no events). */
export function logHeadOf(db: Database.Database): LogAnchor | undefined {
  const row = headStatement(db).get() as HeadRow | undefined;
  return row && { position: row.position, hash: eventRowHash(row) };
}

/** Prepared once per connection: the head is read after every commit. */
const headStatements = new WeakMap<Database.Database, Database.Statement>();

function headStatement(db: Database.Database): Database.Statement {
  let statement = headStatements.get(db);
  if (statement === undefined) {
    statement = db.prepare(`SELECT ${HEAD_COLUMNS} ORDER BY position DESC LIMIT 1`);
    headStatements.set(db, statement);
  }
  return statement;
}

/**
 * What is wrong with the log of `db` against `anchor`, as one line naming the
 * missing range or the changed position; undefined when the log extends it.
 */
export function logAnchorProblem(db: Database.Database, anchor: LogAnchor): string | undefined {
  const head = logHeadOf(db)?.position ?? 0;
  if (head < anchor.position) {
    const range =
      head + 1 === anchor.position
        ? `event ${anchor.position}`
        : `events ${head + 1}–${anchor.position}`;
    return `log ends at position ${head} but anchor says ${anchor.position}: ${range} missing`;
  }
  const row = db.prepare(`SELECT ${HEAD_COLUMNS} WHERE position = ?`).get(anchor.position) as
    HeadRow | undefined;
  if (row === undefined) {
    return `anchor says ${anchor.position} but the log has no event there: event ${anchor.position} missing`;
  }
  if (eventRowHash(row) !== anchor.hash) {
    return `the event at position ${anchor.position} is not the one the anchor recorded: the log was rewritten there`;
  }
  return undefined;
}

/**
 * Before anything opens the database for writing: throws LogAnchorError when
 * the log of `sqliteFile` does not reach the anchor in `anchorDir`. Read-only,
 * so a refused start leaves a damaged `-wal` as it found it, for inspection.
 */
export function assertLogReachesAnchor(sqliteFile: string, anchorDir: string): void {
  const file = path.join(anchorDir, LOG_ANCHOR_FILE);
  const anchor = readLogAnchor(file);
  if (anchor === undefined) return;
  if (!fs.existsSync(sqliteFile)) {
    throw new LogAnchorError(
      `${sqliteFile} is missing but anchor says ${anchor.position}: events 1–${anchor.position} missing (anchor ${file})`,
    );
  }
  const db = new Database(sqliteFile, { readonly: true, fileMustExist: true });
  try {
    const hasEvents = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'events'")
      .get();
    const problem = hasEvents
      ? logAnchorProblem(db, anchor)
      : `log ends at position 0 but anchor says ${anchor.position}: events 1–${anchor.position} missing`;
    if (problem !== undefined) throw new LogAnchorError(`${problem} (anchor ${file})`);
  } finally {
    db.close();
  }
}

export interface SqliteLogAnchorOptions {
  /** A write that failed, or a log found without its anchor. Default: `process.emitWarning`. */
  onWarning?: (message: string) => void;
}

/**
 * The embedded store's log head, kept outside the database (issue #12): a lost
 * or damaged `-wal` file, a restore of an older copy or a truncated file
 * shortens the log without SQLite noticing, and the anchor is how the ledger
 * does. Written once per commit (a group commit is one), after the COMMIT and
 * before any of its appends is acknowledged, so every acknowledged event is at
 * or below the anchor; a crash before the write leaves the anchor behind the
 * log, which is harmless. The head is read and written into the file's older
 * slot (`log-anchor-file.ts`) under SQLite's write lock, so several processes
 * on one file write it in commit order and it never moves back.
 */
export class SqliteLogAnchor {
  readonly file: string;
  /** Anchors written by this instance (tests, benchmarks). */
  writes = 0;
  private last: LogAnchor | undefined;
  private readonly onWarning: (message: string) => void;

  constructor(dir: string, options: SqliteLogAnchorOptions = {}) {
    this.file = path.join(dir, LOG_ANCHOR_FILE);
    this.onWarning = options.onWarning ?? ((message) => process.emitWarning(message));
  }

  /**
   * At open: throws LogAnchorError when the log does not extend the anchor,
   * then anchors the head as it is now (creating a missing anchor).
   */
  verifyAndAnchor(db: Database.Database): void {
    const read = readLogAnchorFile(this.file);
    if (read !== undefined) {
      const problem = logAnchorProblem(db, read.anchor);
      if (problem !== undefined) throw new LogAnchorError(`${problem} (anchor ${this.file})`);
      // A format-1 file (no slots) is rewritten in format 2 by the first write below.
      this.last = read.slots === undefined ? undefined : read.anchor;
    } else if (logHeadOf(db) !== undefined) {
      this.onWarning(
        `${this.file} is missing: anchoring the log at its current head; a log shortened before now cannot be detected`,
      );
    }
    this.recordHead(db);
  }

  /** After a commit that wrote events: the head into the file (once per commit). */
  recordHead(db: Database.Database): void {
    try {
      db.transaction(() => {
        const head = logHeadOf(db);
        if (head === undefined || head.position === this.last?.position) return;
        writeLogAnchorSlot(this.file, head);
        this.writes += 1;
        this.last = head;
      }).immediate();
    } catch (error) {
      // The events are committed whatever happens here: say so, and try again at the next commit.
      this.onWarning(`could not write ${this.file}: ${(error as Error).message}`);
    }
  }
}
