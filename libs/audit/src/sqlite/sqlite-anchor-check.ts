import type Database from 'better-sqlite3';
import {
  logAnchorProblem,
  logHeadOf,
  LogAnchorError,
  readLogAnchor,
} from '@ledger/event-store/sqlite/sqlite-log-anchor';
import type { ProblemLog } from '../audit-problem';

export interface LogAnchorReport {
  ok: boolean;
  file: string;
  /** The position the anchor records (absent when there is no anchor). */
  position?: number;
  note?: string;
}

/**
 * `ledger verify` on the embedded store (issue #12): the log, in the snapshot
 * being verified, must reach the head recorded in `ledger.anchor` with the
 * same event there. A shorter log is reported at its first missing position.
 * No anchor is not a problem (a restored copy has none until the API starts
 * on it) but is said.
 */
export function checkLogAnchorFile(
  db: Database.Database,
  file: string,
  problems: ProblemLog,
): LogAnchorReport {
  let anchor;
  try {
    anchor = readLogAnchor(file);
  } catch (error) {
    if (!(error instanceof LogAnchorError)) throw error;
    problems.add({ position: 0, check: 'anchor', message: error.message });
    return { ok: false, file, note: error.message };
  }
  if (anchor === undefined) {
    return { ok: true, file, note: 'no anchor: nothing recorded outside the database to compare' };
  }
  const problem = logAnchorProblem(db, anchor);
  if (problem === undefined) return { ok: true, file, position: anchor.position };
  const head = logHeadOf(db)?.position ?? 0;
  problems.add({
    position: Math.min(head + 1, anchor.position),
    check: 'anchor',
    message: problem,
  });
  return { ok: false, file, position: anchor.position, note: problem };
}
