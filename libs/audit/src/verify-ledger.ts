import type Database from 'better-sqlite3';
import type { KeyObject } from 'node:crypto';
import * as path from 'node:path';
import type { PolicyTable } from '@ledger/domain/policy/policy-table';
import type { EventStore } from '@ledger/event-store/event-store.port';
import { checkLogAnchorFile, LogAnchorReport } from './sqlite/sqlite-anchor-check';
import { AuditProblem, ProblemLog } from './audit-problem';
import type { LogCheckpoint } from './checkpoint';
import {
  compareSqliteReadModels,
  ReadModelComparison,
  SqliteReadModelReplay,
} from './sqlite/sqlite-read-model-check';
import { checkSqliteLogGuard } from './sqlite/sqlite-log-guard.check';
import { startChainCheck } from './sqlite/chain-check.thread';
import { useSequentialReadCache } from './sqlite/sequential-read-cache';
import { collectEvery, VERIFY_COLLECT_EVERY_EVENTS } from '@ledger/projections/heap-bound';
import { describeUndeclared } from '@ledger/projections/event-type-routes';
import {
  CheckpointResult,
  checkedPageSize,
  LogVerification,
  upcastRecorded,
  VERIFY_LIMITS,
  verifyLog,
  VerifyLogOptions,
  walkLog,
} from './verify-log';

export interface VerifyLedgerOptions {
  /** The raw store (not upcasting: hashes are over what is stored). */
  store: EventStore;
  backend: string;
  /**
   * The SQLite connection of `store` when the backend is the embedded one:
   * verification then runs inside one read transaction on it (a consistent
   * snapshot, even beside a running API), also compares the live read models
   * with a replay and checks the store's no-delete trigger.
   */
  sqlite?: Database.Database;
  /** Where the replay's temporary file goes (default: the OS temp directory). */
  workDir?: string;
  readModels?: boolean;
  invariants?: boolean;
  checkpoint?: { checkpoint: LogCheckpoint; trustedKey?: KeyObject };
  policies?: PolicyTable;
  pageSize?: number;
  /** Verify only the events up to this position (default: the head when verification starts). */
  upToPosition?: number;
  /** Problems listed in the report (all are counted). */
  problemsMax?: number;
  /** Embedded store: its `ledger.anchor` (issue #12); the log must extend it. */
  anchorFile?: string;
  onProgress?: (events: number, position: number, head: number) => void;
  /**
   * Embedded store, read models compared: check the log (hash chains, order,
   * checkpoint, invariants) on a thread of its own beside the replay, which
   * stays on this one (default true; issue #16: the two halves each take
   * about half of verify's CPU), and read the replayed documents for their
   * comparison on another (ADR 0020 §105).
   */
  logThread?: boolean;
  /** The log thread's old generation in MB (default `CHAIN_CHECK_HEAP_MB`; tests set less). */
  logThreadHeapMb?: number;
}

export interface VerifyReport {
  ok: boolean;
  backend: string;
  /** The position verification stopped at (the head when it started). */
  headPosition: number;
  events: number;
  streams: number;
  /** The first position any check found wrong. */
  firstBadPosition: number | null;
  problemCount: number;
  /** The first problems by position (at most `problemsMax`). */
  problems: AuditProblem[];
  hashChain: { ok: boolean; hashedEvents: number; unhashedEvents: number };
  invariants: { ok: boolean; checked: boolean; rules: string[]; violations: number };
  readModels: {
    ok: boolean;
    compared: boolean;
    rowsCompared?: number;
    differences?: number;
    note?: string;
  };
  store?: { ok: boolean; problems: number };
  /** The log against the head recorded outside the database (embedded store). */
  anchor?: LogAnchorReport;
  checkpoint?: CheckpointResult;
  /** Sign this to checkpoint everything verified (`ledger checkpoint`). */
  logRoot: LogVerification['logRoot'];
  seconds: number;
  eventsPerSecond: number;
}

/**
 * `ledger verify` (ADR 0007): one streaming pass over the log through the port
 * (hash chains, order, invariants, checkpoint, replay into fresh read models),
 * then, on SQLite, the comparison of the replay with the live read models and
 * the check of the store's no-delete trigger. Memory is bounded by a page of
 * events and the per-key state of the checks, never by the length of the log.
 */
export async function verifyLedger(options: VerifyLedgerOptions): Promise<VerifyReport> {
  const started = process.hrtime.bigint();
  const problems = new ProblemLog(options.problemsMax ?? 100);
  const sqlite = options.sqlite;
  const compareReadModels = sqlite !== undefined && options.readModels !== false;
  let replay: SqliteReadModelReplay | undefined;
  const restoreCache = sqlite ? useSequentialReadCache(sqlite) : undefined;
  if (sqlite) sqlite.exec('BEGIN'); // deferred: the first read fixes the snapshot
  try {
    const head = Math.min(
      await options.store.headPosition(),
      options.upToPosition ?? Number.MAX_SAFE_INTEGER,
    );
    replay = compareReadModels
      ? SqliteReadModelReplay.open(options.workDir, undefined, { db: sqlite, problems })
      : undefined;
    const logOptions: VerifyLogOptions = {
      readPage: (afterPosition, maxCount) => options.store.readAll({ afterPosition, maxCount }),
      problems,
      upToPosition: head,
      pageSize: options.pageSize,
      contiguousPositions: sqlite !== undefined,
      invariants: options.invariants,
      policies: options.policies,
      checkpoint: options.checkpoint,
      workDir: options.workDir,
      onPage: replay ? (events) => replay!.apply(events) : undefined,
      collect: replay
        ? collectEvery(VERIFY_COLLECT_EVERY_EVENTS, checkedPageSize(options.pageSize))
        : undefined,
      onProgress: options.onProgress
        ? (events, position) => options.onProgress!(events, position, head)
        : undefined,
    };
    let comparison: ReadModelComparison | undefined;
    /** `logThreadGone`: the log thread has stopped (its memory given back). */
    const compareReplay = async (logThreadGone?: Promise<unknown>) => {
      comparison = await compareSqliteReadModels(sqlite!, replay!, problems, {
        readOnThread: logThreadGone ?? options.logThread !== false,
      });
    };
    const log =
      sqlite && replay && options.logThread !== false && options.policies === undefined
        ? await verifyLogBesideReplay(
            sqlite,
            logOptions,
            options.problemsMax ?? 100,
            options.logThreadHeapMb,
            compareReplay,
          )
        : await verifyLog(logOptions);
    if (sqlite && replay && comparison === undefined) await compareReplay();
    let readModels: VerifyReport['readModels'] = {
      ok: true,
      compared: false,
      note:
        sqlite === undefined
          ? 'the read models of this backend are checked by `ledger rebuild` in the projector, not here'
          : 'skipped (--skip-read-models)',
    };
    if (comparison) {
      const undeclared = replay?.routes.undeclared ?? [];
      readModels = comparison.liveHasReadModels
        ? {
            ok: comparison.differences === 0,
            compared: true,
            rowsCompared: comparison.rowsCompared,
            differences: comparison.differences,
            ...(undeclared.length > 0 ? { note: describeUndeclared(undeclared) } : {}),
          }
        : { ok: true, compared: false, note: 'the live file has no read models' };
    }
    const anchor =
      sqlite && options.anchorFile !== undefined
        ? checkLogAnchorFile(sqlite, options.anchorFile, problems)
        : undefined;
    let store: VerifyReport['store'];
    if (sqlite) {
      const found = checkSqliteLogGuard(sqlite, problems);
      store = { ok: found === 0, problems: found };
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const violations = problems.countOf('invariant');
    const chainProblems = problems.countOf('hash', 'chain', 'order', 'unhashed');
    return {
      ok: problems.count === 0,
      backend: options.backend,
      headPosition: head,
      events: log.events,
      streams: log.streams,
      firstBadPosition: problems.firstPosition() ?? null,
      problemCount: problems.count,
      problems: problems.list(),
      hashChain: {
        ok: chainProblems === 0,
        hashedEvents: log.hashedEvents,
        unhashedEvents: log.unhashedEvents,
      },
      invariants: {
        ok: violations === 0,
        checked: options.invariants !== false,
        rules: log.invariantRules,
        violations,
      },
      readModels,
      store,
      anchor,
      checkpoint: log.checkpoint,
      logRoot: log.logRoot,
      seconds: Number(seconds.toFixed(3)),
      eventsPerSecond: seconds > 0 ? Math.round(log.events / seconds) : log.events,
    };
  } finally {
    replay?.close();
    if (sqlite?.inTransaction) sqlite.exec('ROLLBACK');
    restoreCache?.();
  }
}

/**
 * `verifyLog` on a thread of its own (`chain-check.worker`, reading the
 * events on its own connection) while this thread reads the same pages and
 * replays them into the read models; its problems join `options.problems`.
 * A thread that ran out of its heap (`CHAIN_CHECK_HEAP_MB`) reported
 * nothing: the log is then checked here, after the replay.
 *
 * `afterReplay` (the comparison of the replay with the live read models,
 * which needs only this thread's snapshot) runs as soon as the replay has
 * ended, while the thread may still be checking: this thread waited for it
 * 0-2.2 s at 1M events before comparing (ADR 0020 §105).
 */
async function verifyLogBesideReplay(
  sqlite: Database.Database,
  options: VerifyLogOptions,
  problemsMax: number,
  heapMb: number | undefined,
  afterReplay: (logThreadGone: Promise<unknown>) => Promise<void>,
): Promise<LogVerification> {
  const pageSize = checkedPageSize(options.pageSize ?? VERIFY_LIMITS.logThreadPageSizeDefault);
  const check = startChainCheck(
    {
      dataDir: path.dirname(sqlite.name),
      fileName: path.basename(sqlite.name),
      upToPosition: options.upToPosition ?? Number.MAX_SAFE_INTEGER,
      pageSize,
      invariants: options.invariants,
      checkpoint: options.checkpoint,
      workDir: options.workDir,
      problemsMax,
    },
    heapMb,
  );
  let done: Awaited<typeof check.result>;
  try {
    // The events are checked on the thread; this one only upcasts them for the replay.
    await walkLog(options, upcastRecorded);
    await afterReplay(check.result.then(check.stop, check.stop));
    done = await check.result;
  } catch (err) {
    if ((err as { code?: unknown }).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw err;
    return verifyLog({ ...options, onPage: undefined, onProgress: undefined });
  } finally {
    await check.stop();
  }
  options.problems.absorb(done.problems);
  return done.log;
}
