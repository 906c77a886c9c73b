import type Database from 'better-sqlite3';
import type { AppendScope } from '../append-scope';
import {
  AppendResult,
  ConcurrencyError,
  ExpectedRevision,
  RecordedEvent,
} from '../event-store.port';
import { assertIntegerInRange } from '../event-store-arguments';
import { PreparedEvent } from './sqlite-event-rows';
import { SQLITE_EVENT_STORE_LIMITS } from './sqlite-event-store.limits';
import { SqliteWalCheckpointer } from './sqlite-wal-checkpointer';

/** Bounds of one group-commit transaction. */
export interface GroupCommitOptions {
  /** Appends in one transaction at most. Default 64. */
  maxAppends: number;
  /**
   * Events in one transaction at most (a single larger append still goes
   * alone). Bounds how long the write lock and the event loop are held.
   * Default 10,000.
   */
  maxEvents: number;
}

/** What the store has committed so far, for tests and benchmarks. */
export interface AppendStats {
  /** Append calls that reached the database (check-only appends included). */
  appends: number;
  /** Write transactions begun for them: fewer than `appends` when grouped. */
  transactions: number;
  /** The most appends one transaction has held. */
  largestBatch: number;
  /** WAL checkpoints run on the checkpoint worker, off the commit path (ADR 0020 §25). */
  checkpoints?: number;
}

export const GROUP_COMMIT_DEFAULTS: GroupCommitOptions = { maxAppends: 64, maxEvents: 10_000 };
/** Set to `off` to commit every append on its own when `groupCommit` is not given. */
export const GROUP_COMMIT_ENV = 'LEDGER_SQLITE_GROUP_COMMIT';

/** One stream's part of an append, its events serialised. */
export interface PreparedPart {
  stream: string;
  events: PreparedEvent[];
  expected: ExpectedRevision;
}

/**
 * One append (one part, or the parts of an `appendAll`, all or nothing) in
 * its own transaction, or in a savepoint when called inside one.
 */
export type AppendTransaction = Database.Transaction<
  (parts: readonly PreparedPart[], scope: AppendScope | undefined) => AppendResult[]
>;

/** A stream's revision as the expected-revision check sees it. */
export type StreamRevision = number | 'no_stream';

/** How a batch's first try writes: each append checked, then written, then every read model once. */
export interface BatchWriter {
  /** The stream's revision when `expected` matches it, else a ConcurrencyError; writes nothing. */
  check(stream: string, expected: ExpectedRevision): StreamRevision;
  /** An append's rows and its scope's at that revision, without a savepoint or read models. */
  write(
    stream: string,
    events: PreparedEvent[],
    current: StreamRevision,
    scope: AppendScope | undefined,
  ): { result: AppendResult; recorded: RecordedEvent[] };
  /** Inline read models for the events of the whole batch, in position order. */
  project(events: RecordedEvent[]): void;
}

/** Rolls a first try back so that the batch is committed the careful way. */
class RetryWithSavepoints extends Error {}

/** An append waiting in the group-commit queue for the next transaction. */
interface PendingAppend {
  /** One part, or several streams all or nothing (`appendAll`). */
  parts: readonly PreparedPart[];
  scope: AppendScope | undefined;
  resolve: (results: AppendResult[]) => void;
  reject: (err: unknown) => void;
}

type AppendOutcome = { ok: true; results: AppendResult[] } | { ok: false; error: unknown };

/** A committed batch whose callers wait for `onWritten` (the log anchor) before they hear. */
interface CommittedBatch {
  batch: PendingAppend[];
  outcomes: AppendOutcome[];
  wrote: boolean;
}

const eventCount = (p: PendingAppend) => p.parts.reduce((n, part) => n + part.events.length, 0);

/** The bounds the option asks for, checked; undefined: every append commits on its own. */
export function groupCommitOptions(
  option: false | Partial<GroupCommitOptions> | undefined,
): GroupCommitOptions | undefined {
  if (option === false) return undefined;
  if (option === undefined && process.env[GROUP_COMMIT_ENV]?.toLowerCase() === 'off') {
    return undefined;
  }
  const merged = { ...GROUP_COMMIT_DEFAULTS, ...option };
  const limits = SQLITE_EVENT_STORE_LIMITS;
  assertIntegerInRange(
    'groupCommit.maxAppends',
    merged.maxAppends,
    1,
    limits.groupCommitAppendsMax,
  );
  assertIntegerInRange('groupCommit.maxEvents', merged.maxEvents, 1, limits.groupCommitEventsMax);
  return { maxAppends: merged.maxAppends, maxEvents: merged.maxEvents };
}

/**
 * Group commit (ADR 0006): an append is queued and the queue is committed on
 * the next turn of the event loop, as many appends as the bounds allow in one
 * BEGIN IMMEDIATE transaction, each in its own SAVEPOINT. A refused append
 * (ConcurrencyError, a projector error, a constraint) is rolled back to its
 * savepoint and rejected alone; every other append of the batch commits, and
 * each caller's promise settles only after the COMMIT (and its fsync) returned.
 * Positions stay gap-free: a savepoint rollback takes its rows back (and, on a
 * schema 1–2 file, its `sqlite_sequence` change).
 *
 * A batch is first tried without savepoints (each costs a statement journal
 * of every page its append touches) and with the read models applied once
 * for all of its events rather than once per append: an append refused by a
 * ConcurrencyError has written nothing by then (the expected revision is
 * checked first) and is simply left out. Any other failure rolls the whole
 * try back and the batch runs again as above, one savepoint per append, so
 * that only the failing append is refused, as before. Both ways commit the
 * same rows: the read models are per-projection folds in position order.
 *
 * An `appendAll` is one unit in either way: its parts are all checked before
 * any is written and share one savepoint, so they hold or fail together.
 */
export class SqliteGroupCommit {
  private readonly queue: PendingAppend[] = [];
  private flushScheduled = false;
  /** Committed, not yet answered: at most `answerEvery` batches, see `commitBatch`. */
  private readonly unanswered: CommittedBatch[] = [];
  /** A batch without savepoints, undone whole when anything but a ConcurrencyError fails. */
  private readonly firstTry:
    Database.Transaction<(batch: readonly PendingAppend[]) => AppendOutcome[]> | undefined;
  /** WAL checkpoints beside the commits rather than inside them (ADR 0020 §25). */
  private readonly checkpointer: SqliteWalCheckpointer;
  /** One transaction for a whole group; each append inside runs in a savepoint. */
  private readonly batchTransaction: Database.Transaction<
    (batch: readonly PendingAppend[]) => AppendOutcome[]
  >;

  constructor(
    db: Database.Database,
    private readonly appendTransaction: AppendTransaction,
    private readonly bounds: GroupCommitOptions,
    /** The store's counters, updated in place. */
    private readonly stats: AppendStats,
    /** Called after a commit that wrote at least one event, before any of its appends is answered. */
    private readonly onWritten: () => void,
    batchWriter?: BatchWriter,
    /**
     * While more appends wait in the queue, up to this many committed batches
     * share one `onWritten` before their callers hear (1: every batch its own).
     * Worth it when `onWritten` is dear: the log anchor's write and its sync.
     */
    private readonly answerEvery = 1,
  ) {
    this.checkpointer = new SqliteWalCheckpointer(db, () => {
      stats.checkpoints = (stats.checkpoints ?? 0) + 1;
    });
    this.firstTry =
      batchWriter &&
      db.transaction((batch: readonly PendingAppend[]) => {
        const recorded: RecordedEvent[] = [];
        const outcomes = batch.map((p): AppendOutcome => {
          let currents: StreamRevision[];
          try {
            // Every part checked before any is written: a refused part leaves no trace of the others.
            currents = p.parts.map((part) => batchWriter.check(part.stream, part.expected));
          } catch (error) {
            // Refused before it wrote anything: the others go on without it.
            if (error instanceof ConcurrencyError) return { ok: false, error };
            throw new RetryWithSavepoints();
          }
          try {
            const results = p.parts.map((part, i) => {
              const written = batchWriter.write(part.stream, part.events, currents[i], p.scope);
              for (const e of written.recorded) recorded.push(e);
              return written.result;
            });
            return { ok: true, results };
          } catch {
            throw new RetryWithSavepoints();
          }
        });
        if (recorded.length > 0) {
          try {
            batchWriter.project(recorded);
          } catch {
            throw new RetryWithSavepoints();
          }
        }
        return outcomes;
      });
    // better-sqlite3 runs a transaction function called inside another
    // transaction as SAVEPOINT / RELEASE, and on a throw as ROLLBACK TO.
    this.batchTransaction = db.transaction((batch) =>
      batch.map((p): AppendOutcome => {
        try {
          return { ok: true, results: this.appendTransaction(p.parts, p.scope) };
        } catch (error) {
          // Some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM) make SQLite
          // roll back the whole transaction: then no append of the batch holds.
          if (!db.inTransaction) throw error;
          return { ok: false, error };
        }
      }),
    );
  }

  /** Settles after the transaction that holds every part committed (or refused them all). */
  append(parts: readonly PreparedPart[], scope: AppendScope | undefined): Promise<AppendResult[]> {
    return new Promise<AppendResult[]>((resolve, reject) => {
      this.queue.push({ parts, scope, resolve, reject });
      this.scheduleFlush();
    });
  }

  /** Commits every append still queued, now, and stops the checkpoint worker (the store is closing). */
  async close(): Promise<void> {
    while (this.queue.length > 0) this.commitBatch(this.takeBatch());
    this.answer();
    await this.checkpointer.close();
  }

  /**
   * On the next check phase of the event loop: by then every I/O callback of
   * this turn (every request that arrived while the last commit blocked the
   * thread) and every microtask has run, so their appends are all queued.
   */
  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      if (this.queue.length === 0) return;
      const batch = this.takeBatch();
      // What is left goes in the next turn, after the I/O that arrived meanwhile.
      if (this.queue.length > 0) this.scheduleFlush();
      this.commitBatch(batch);
    });
  }

  /** The oldest appends, in order, up to the bounds (at least one). */
  private takeBatch(): PendingAppend[] {
    const { maxAppends, maxEvents } = this.bounds;
    let count = 0;
    let events = 0;
    while (count < this.queue.length && count < maxAppends) {
      const next = eventCount(this.queue[count]);
      if (count > 0 && events + next > maxEvents) break;
      events += next;
      count++;
    }
    return this.queue.splice(0, count);
  }

  private commitGroup(batch: readonly PendingAppend[]): AppendOutcome[] {
    if (this.firstTry) {
      try {
        return this.firstTry.immediate(batch);
      } catch (err) {
        if (!(err instanceof RetryWithSavepoints)) throw err;
      }
    }
    return this.batchTransaction.immediate(batch);
  }

  /**
   * One transaction, one fsync; each caller hears only after the COMMIT that
   * holds its append returned and `onWritten` (the log anchor, issue #12) ran
   * after it. When more appends are queued (more batches than one turn takes),
   * the answer waits for the next batches' commits, `answerEvery` at most, so
   * that one anchor write covers them all: the anchor is read under the write
   * lock after the last of them, so it covers every one.
   */
  private commitBatch(batch: PendingAppend[]): void {
    this.stats.appends += batch.length;
    this.stats.transactions++;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    let outcomes: AppendOutcome[];
    try {
      outcomes =
        batch.length === 1
          ? // Alone: its own transaction is its savepoint.
            [
              {
                ok: true,
                results: this.appendTransaction.immediate(batch[0].parts, batch[0].scope),
              },
            ]
          : this.commitGroup(batch);
    } catch (err) {
      // BEGIN, COMMIT or a batch-wide rollback failed (or the lone append was
      // refused): nothing of it holds.
      this.answer();
      for (const p of batch) p.reject(err);
      return;
    }
    const wrote = outcomes.some((outcome, i) => outcome.ok && eventCount(batch[i]) > 0);
    if (wrote) this.checkpointer.afterCommit();
    this.unanswered.push({ batch, outcomes, wrote });
    if (this.queue.length === 0 || this.unanswered.length >= this.answerEvery) this.answer();
  }

  /** Every committed batch's callers, after one `onWritten` when any of them wrote. */
  private answer(): void {
    if (this.unanswered.length === 0) return;
    const committed = this.unanswered.splice(0, this.unanswered.length);
    // issue #12: the log anchor moves before any append of these commits is answered.
    if (committed.some((c) => c.wrote)) this.onWritten();
    for (const { batch, outcomes } of committed) {
      outcomes.forEach((outcome, i) => {
        if (outcome.ok) batch[i].resolve(outcome.results);
        else batch[i].reject(outcome.error);
      });
    }
  }
}
