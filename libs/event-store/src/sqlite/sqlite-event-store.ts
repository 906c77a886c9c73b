import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  AppendResult,
  ConcurrencyError,
  EventHandler,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StreamAppend,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import {
  assertFilter,
  assertIntegerInRange,
  assertStreamName,
  copyFilter,
  EventFilter,
  readsBackwards,
} from '../event-store-arguments';
import {
  EventRawRow,
  EventStatements,
  filterParams,
  filterQuery,
  insertEventRows,
  insertEventRowsOnly,
  appendResultAt,
  PreparedEvent,
  preparedParts,
  prepareStatements,
  rawRowToRecordedEvent,
} from './sqlite-event-rows';
import { SQLITE_EVENT_STORE_LIMITS } from './sqlite-event-store.limits';
import { InlineProjector, SqliteEventStoreOptions } from './sqlite-event-store.options';
import {
  AppendStats,
  AppendTransaction,
  GroupCommitOptions,
  groupCommitOptions,
  PreparedPart,
  SqliteGroupCommit,
  StreamRevision,
} from './sqlite-group-commit';
import {
  createPrivateDatabaseFile,
  ensurePrivateDir,
  restrictSqliteSidecars,
} from './private-files';
import { AppendScope, currentAppendScope } from '../append-scope';
import { SqliteLogAnchor } from './sqlite-log-anchor';
import { migrateEventStoreSchema } from './sqlite-schema';
import { SqliteEventIds } from './sqlite-event-ids';
import { SqliteSubscription, SubscriptionSource } from './sqlite-subscription';

export { SQLITE_EVENT_STORE_LIMITS } from './sqlite-event-store.limits';
export type { InlineProjector, SqliteEventStoreOptions } from './sqlite-event-store.options';
export type { AppendStats, GroupCommitOptions } from './sqlite-group-commit';
export { GROUP_COMMIT_DEFAULTS, GROUP_COMMIT_ENV } from './sqlite-group-commit';

const POLL_INTERVAL_MS_DEFAULT = 50;
/** Committed batches one log-anchor write may answer while more appends are queued (ADR 0020 §16). */
const ANCHORED_BATCHES_PER_ANSWER = 8;
const POSITION_MAX = Number.MAX_SAFE_INTEGER;
/** SQLite reads a negative LIMIT as "no limit". */
const NO_LIMIT = -1;

/**
 * Event store on one SQLite file, shared by any number of OS processes.
 *
 * Why a reader never sees a position appear below one it has already read:
 * every append runs under BEGIN IMMEDIATE, which takes SQLite's single write
 * lock before the first insert and holds it until COMMIT. So appends are
 * serialised across connections and processes, each one's positions (the
 * largest committed plus one, sqlite-schema.ts) are above every position
 * committed before it, and commits become visible in that same order. A WAL
 * reader's snapshot is therefore always a prefix of the position sequence. A
 * rolled-back append leaves no row behind (nor, on a file of schema version
 * 1–2, a `sqlite_sequence` change), so a refused append leaves no gap either.
 *
 * Appends are grouped into shared transactions unless group commit is off
 * (sqlite-group-commit.ts, ADR 0006); the same holds of each group.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: EventStatements;
  private readonly ids: SqliteEventIds; // minted ids stored or derived, by the file's schema
  private readonly toRecordedEvent = (row: EventRawRow) => rawRowToRecordedEvent(row, this.ids);
  private readonly filterStatements = new Map<string, Database.Statement>();
  private readonly appendTransaction: AppendTransaction;
  /** Live subscriptions waiting for news; woken right after a local commit. */
  private readonly waiters = new Set<() => void>();
  private readonly subscriptions = new Set<SqliteSubscription>();
  private readonly groupCommitQueue: SqliteGroupCommit | undefined; // undefined: no group commit
  private readonly stats: AppendStats = { appends: 0, transactions: 0, largestBatch: 0 };
  private inlineProjector: InlineProjector | undefined;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    readonly pollIntervalMs: number,
    inlineProjector: InlineProjector | undefined,
    /** undefined: every append commits on its own. */
    readonly groupCommit: GroupCommitOptions | undefined,
    private readonly anchor: SqliteLogAnchor | undefined,
  ) {
    this.inlineProjector = inlineProjector;
    this.statements = prepareStatements(db);
    this.ids = SqliteEventIds.of(db);
    this.appendTransaction = db.transaction((parts, scope) =>
      this.appendInTransaction(parts, scope),
    );
    this.groupCommitQueue =
      groupCommit &&
      new SqliteGroupCommit(
        db,
        this.appendTransaction,
        groupCommit,
        this.stats,
        () => this.afterWrite(),
        {
          check: (stream, expected) => this.expectedRevision(stream, expected),
          write: (stream, events, current, scope) =>
            this.writeAppend(stream, events, current, scope),
          project: (events) => this.inlineProjector?.applyInTransaction(this.db, events),
        },
        // One anchor write (two fsyncs) for several batches when appends queue up.
        anchor === undefined ? 1 : ANCHORED_BATCHES_PER_ANSWER,
      );
  }

  static open(options: SqliteEventStoreOptions): SqliteEventStore {
    const pollIntervalMs = options.pollIntervalMs ?? POLL_INTERVAL_MS_DEFAULT;
    groupCommitOptions(options.groupCommit); // checked before the file is touched
    assertIntegerInRange(
      'pollIntervalMs',
      pollIntervalMs,
      SQLITE_EVENT_STORE_LIMITS.pollIntervalMsMin,
      SQLITE_EVENT_STORE_LIMITS.pollIntervalMsMax,
    );
    ensurePrivateDir(options.dataDir);
    const file = join(options.dataDir, options.fileName ?? 'ledger.sqlite');
    createPrivateDatabaseFile(file);
    const db = new Database(file, { timeout: SQLITE_EVENT_STORE_LIMITS.busyTimeoutMs });
    try {
      db.pragma(`busy_timeout = ${SQLITE_EVENT_STORE_LIMITS.busyTimeoutMs}`);
      db.pragma('journal_mode = WAL');
      restrictSqliteSidecars(file);
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrateEventStoreSchema(db);
      options.anchor?.verifyAndAnchor(db);
      return new SqliteEventStore(
        db,
        pollIntervalMs,
        options.inlineProjector,
        groupCommitOptions(options.groupCommit),
        options.anchor,
      );
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /** The shared connection, for read-model code in embedded mode. */
  get database(): Database.Database {
    return this.db;
  }

  setInlineProjector(projector: InlineProjector | undefined): void {
    this.inlineProjector = projector;
  }

  /** Counters of appends and write transactions since open (a copy). */
  appendStats(): AppendStats {
    return { ...this.stats };
  }

  /**
   * An empty `events` list is a check only: it verifies `expected` and returns
   * the stream's current revision (-1 when absent) and the position of its last
   * event (0 when absent), writing nothing.
   */
  append(
    stream: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    return this.commit([{ stream, events, expected }]).then(firstResult);
  }

  /**
   * Several streams all or nothing (the port's `appendAll`): one unit of the
   * group commit, every part checked before any is written, so a stale part
   * refuses them all and leaves no trace of the others.
   */
  async appendAll(parts: StreamAppend[]): Promise<AppendResult[]> {
    if (!Array.isArray(parts) || parts.length === 0) {
      throw new TypeError('parts must be a non-empty array');
    }
    if (new Set(parts.map((p) => p.stream)).size !== parts.length) {
      throw new TypeError('each stream at most once in one appendAll');
    }
    return this.commit(parts);
  }

  /** Not async: one promise (the queue's) and one `then` an append; errors still reject. */
  private commit(parts: StreamAppend[]): Promise<AppendResult[]> {
    try {
      this.assertOpen();
      const prepared = preparedParts(parts, this.ids);
      const scope = currentAppendScope(); // ADR 0011: e.g. an idempotency key committed with the events
      if (this.groupCommitQueue !== undefined) return this.groupCommitQueue.append(prepared, scope);
      this.stats.appends++;
      this.stats.transactions++;
      this.stats.largestBatch = 1;
      const results = this.appendTransaction.immediate(prepared, scope);
      if (prepared.some((p) => p.events.length > 0)) this.afterWrite();
      return Promise.resolve(results);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamName(stream);
    const backwards = readsBackwards(options.direction);
    if (options.fromRevision !== undefined) {
      assertIntegerInRange('fromRevision', options.fromRevision, 0, POSITION_MAX);
    }
    const limit = maxCountToLimit(options.maxCount);
    const rows = backwards
      ? this.statements.readStreamBackwards.all(stream, options.fromRevision ?? POSITION_MAX, limit)
      : this.statements.readStreamForwards.all(stream, options.fromRevision ?? 0, limit);
    return (rows as EventRawRow[]).map(this.toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const afterPosition = options.afterPosition ?? 0;
    assertIntegerInRange('afterPosition', afterPosition, 0, POSITION_MAX);
    const limit = maxCountToLimit(options.maxCount);
    assertFilter(options, SQLITE_EVENT_STORE_LIMITS);
    return this.readPage(afterPosition, POSITION_MAX, limit, options);
  }

  async headPosition(): Promise<number> {
    this.assertOpen();
    return this.readHeadPosition();
  }

  subscribe(handler: EventHandler, options: SubscribeOptions = {}): Subscription {
    this.assertOpen();
    const afterPosition = options.afterPosition ?? 0;
    assertIntegerInRange('afterPosition', afterPosition, 0, POSITION_MAX);
    assertFilter(options, SQLITE_EVENT_STORE_LIMITS);
    const filter = copyFilter(options);
    const source: SubscriptionSource = {
      headPosition: () => this.readHeadPosition(),
      readPage: (after, upTo, limit) => this.readPage(after, upTo, limit, filter),
      waitForAppend: (onRegistered) => this.waitForAppend(onRegistered),
    };
    const subscription = new SqliteSubscription(source, handler, afterPosition, options.onError);
    this.subscriptions.add(subscription);
    subscription.start(() => this.subscriptions.delete(subscription));
    return subscription;
  }

  /**
   * Commits the appends still queued, stops every subscription (awaiting their
   * loops), then closes the file. Idempotent.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.groupCommitQueue?.close();
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.db.close();
  }

  private readHeadPosition(): number {
    return (this.statements.headPosition.get() as { head: number }).head;
  }

  /** Events in (afterPosition, upToPosition], ascending; the filter is already checked. */
  private readPage(
    afterPosition: number,
    upToPosition: number,
    limit: number,
    filter: EventFilter,
  ): RecordedEvent[] {
    const statement = this.filterStatement(
      filter.streamPrefixes?.length ?? 0,
      filter.eventTypes?.length ?? 0,
    );
    const rows = statement.all(...filterParams(afterPosition, upToPosition, limit, filter));
    return (rows as EventRawRow[]).map(this.toRecordedEvent);
  }

  /** Resolves on the next local append or after one poll interval. */
  private waitForAppend(onRegistered: (wake: () => void) => void): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, this.pollIntervalMs);
      this.waiters.add(wake);
      onRegistered(wake);
    });
  }

  /** After a commit that wrote events, before any of its appends is answered. */
  private afterWrite(): void {
    this.anchor?.recordHead(this.db); // issue #12
    this.wakeSubscriptions();
  }

  private wakeSubscriptions(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private appendInTransaction(
    parts: readonly PreparedPart[],
    scope: AppendScope | undefined,
  ): AppendResult[] {
    const recorded: RecordedEvent[] = [];
    // A later part refused throws after the earlier ones were written: the
    // transaction (or savepoint) around this undoes them all.
    const results = parts.map(({ stream, events, expected }) => {
      const current = this.expectedRevision(stream, expected);
      const written = this.writeAppend(stream, events, current, scope);
      for (const e of written.recorded) recorded.push(e);
      return written.result;
    });
    if (recorded.length > 0) this.inlineProjector?.applyInTransaction(this.db, recorded);
    return results;
  }

  /** The stream's revision when `expected` matches it; a ConcurrencyError, writing nothing, when not. */
  private expectedRevision(stream: string, expected: ExpectedRevision): StreamRevision {
    const { revision } = this.statements.streamRevision.get(stream) as { revision: number | null };
    const current = revision === null ? ('no_stream' as const) : revision;
    if (expected !== 'any' && expected !== current) {
      throw new ConcurrencyError(stream, expected, current);
    }
    return current;
  }

  /** An append's rows and its scope's at the revision just checked, without the read models. */
  private writeAppend(
    stream: string,
    events: PreparedEvent[],
    current: StreamRevision,
    scope: AppendScope | undefined,
  ): { result: AppendResult; recorded: RecordedEvent[] } {
    const startRevision = current === 'no_stream' ? 0 : current + 1;
    if (events.length === 0) {
      return { result: appendResultAt(this.statements, stream, startRevision - 1), recorded: [] };
    }
    const lastRevision = startRevision + events.length - 1;
    if (this.inlineProjector === undefined && scope?.inSqliteTransaction === undefined) {
      const position = insertEventRowsOnly(this.statements, stream, events, startRevision);
      return { result: { nextExpectedRevision: lastRevision, position }, recorded: [] };
    }
    const recorded = insertEventRows(this.statements, stream, events, startRevision, this.ids);
    const last = recorded[recorded.length - 1];
    scope?.inSqliteTransaction?.(this.db, recorded);
    return { result: { nextExpectedRevision: lastRevision, position: last.position }, recorded };
  }

  /** One cached statement per (number of prefixes, number of types); both are bounded. */
  private filterStatement(prefixCount: number, typeCount: number): Database.Statement {
    const key = `${prefixCount}:${typeCount}`;
    let statement = this.filterStatements.get(key);
    if (statement === undefined) {
      statement = this.db.prepare(filterQuery(prefixCount, typeCount)).raw(true);
      this.filterStatements.set(key, statement);
    }
    return statement;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}

const firstResult = (results: AppendResult[]): AppendResult => results[0];

function maxCountToLimit(maxCount: number | undefined): number {
  if (maxCount === undefined) return NO_LIMIT;
  assertIntegerInRange('maxCount', maxCount, 0, POSITION_MAX);
  return maxCount;
}
