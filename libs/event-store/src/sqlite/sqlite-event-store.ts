import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import Database from 'better-sqlite3';
import {
  AppendResult,
  ConcurrencyError,
  EventHandler,
  EventMetadata,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../event-store.port';
import { AppendScope, currentAppendScope } from '../append-scope';
import { SqliteLogAnchor } from './sqlite-log-anchor';
import { migrateEventStoreSchema } from './sqlite-schema';

/**
 * Writes read models in the same transaction as the events (embedded mode), so a
 * query right after a command sees it. Must be synchronous; if it throws, the
 * append is rolled back entirely and the error reaches the caller of `append`.
 */
export interface InlineProjector {
  applyInTransaction(db: Database.Database, events: RecordedEvent[]): void;
}

export interface SqliteEventStoreOptions {
  dataDir: string;
  /** Defaults to `ledger.sqlite`. */
  fileName?: string;
  inlineProjector?: InlineProjector;
  /** How often live subscriptions look for appends made by other processes. Default 50. */
  pollIntervalMs?: number;
  /**
   * Group commit (ADR 0006): appends made while the event loop is busy are
   * committed together in one transaction, one fsync, each in its own
   * savepoint. On by default; `false` commits every append on its own. When
   * absent, `LEDGER_SQLITE_GROUP_COMMIT=off` in the environment also turns it
   * off (how the benchmark runs the built API without it).
   */
  groupCommit?: false | Partial<GroupCommitOptions>;
  /**
   * The log head kept outside the database (issue #12): checked at open
   * (throws LogAnchorError when the log is shorter than it), then written
   * after every commit that wrote events, before those appends are answered.
   */
  anchor?: SqliteLogAnchor;
}

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
}

/** Limits: every input is bounded, and the bound is checked before any write. */
export const SQLITE_EVENT_STORE_LIMITS = {
  eventsPerAppendMax: 10_000,
  streamNameLengthMax: 1_024,
  eventTypeLengthMax: 256,
  eventIdLengthMax: 128,
  /** data + metadata JSON of one event, in UTF-16 code units. */
  // An application of 20,000 claims (the API's limit) is one event of a few MiB.
  eventJsonLengthMax: 16_777_216,
  filterStreamPrefixesMax: 32,
  filterEventTypesMax: 128,
  subscriptionPageSize: 500,
  pollIntervalMsMin: 1,
  pollIntervalMsMax: 60_000,
  busyTimeoutMs: 10_000,
  groupCommitAppendsMax: 10_000,
  groupCommitEventsMax: 100_000,
} as const;

export const GROUP_COMMIT_DEFAULTS: GroupCommitOptions = { maxAppends: 64, maxEvents: 10_000 };
/** Set to `off` to commit every append on its own when `groupCommit` is not given. */
export const GROUP_COMMIT_ENV = 'LEDGER_SQLITE_GROUP_COMMIT';

const POLL_INTERVAL_MS_DEFAULT = 50;
const POSITION_MAX = Number.MAX_SAFE_INTEGER;
/** SQLite reads a negative LIMIT as "no limit". */
const NO_LIMIT = -1;

interface EventRow {
  position: number;
  eventId: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

interface PreparedEvent {
  eventId: string;
  type: string;
  data: string;
  metadata: string;
}

/** An append waiting in the group-commit queue for the next transaction. */
interface PendingAppend {
  stream: string;
  events: PreparedEvent[];
  expected: ExpectedRevision;
  scope: AppendScope | undefined;
  resolve: (result: AppendResult) => void;
  reject: (err: unknown) => void;
}

type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

interface EventFilter {
  streamPrefixes?: string[];
  eventTypes?: string[];
}

const SELECT_COLUMNS =
  'position, event_id AS eventId, stream, revision, type, data, metadata FROM events';

/**
 * Event store on one SQLite file, shared by any number of OS processes.
 *
 * Why a reader never sees a position appear below one it has already read:
 * every append runs under BEGIN IMMEDIATE, which takes SQLite's single write
 * lock before the first insert and holds it until COMMIT. So appends are
 * serialised across connections and processes, each one's AUTOINCREMENT
 * positions are above every position committed before it, and commits become
 * visible in that same order. A WAL reader's snapshot is therefore always a
 * prefix of the position sequence. A rolled-back append also rolls back
 * `sqlite_sequence`, so a refused append leaves no gap either.
 *
 * Group commit (ADR 0006): an append is queued and the queue is committed on
 * the next turn of the event loop, as many appends as the bounds allow in one
 * BEGIN IMMEDIATE transaction, each in its own SAVEPOINT. A refused append
 * (ConcurrencyError, a projector error, a constraint) is rolled back to its
 * savepoint and rejected alone; every other append of the batch commits, and
 * each caller's promise settles only after the COMMIT (and its fsync) returned.
 * Positions stay gap-free for the same reason as above: a savepoint rollback
 * also restores `sqlite_sequence`.
 */
export class SqliteEventStore implements EventStore {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly filterStatements = new Map<string, Database.Statement>();
  private readonly appendTransaction: Database.Transaction<
    (
      stream: string,
      events: PreparedEvent[],
      expected: ExpectedRevision,
      scope: AppendScope | undefined,
    ) => AppendResult
  >;
  /** Live subscriptions waiting for news; woken right after a local commit. */
  private readonly waiters = new Set<() => void>();
  private readonly subscriptions = new Set<SqliteSubscription>();
  /** One transaction for a whole group; each append inside runs in a savepoint. */
  private readonly batchTransaction: Database.Transaction<
    (batch: readonly PendingAppend[]) => AppendOutcome[]
  >;
  private readonly queue: PendingAppend[] = [];
  private flushScheduled = false;
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
    this.appendTransaction = db.transaction((stream, events, expected, scope) =>
      this.appendInTransaction(stream, events, expected, scope),
    );
    // better-sqlite3 runs a transaction function called inside another
    // transaction as SAVEPOINT / RELEASE, and on a throw as ROLLBACK TO.
    this.batchTransaction = db.transaction((batch) =>
      batch.map((p): AppendOutcome => {
        try {
          return { ok: true, result: this.appendTransaction(...pendingArgs(p)) };
        } catch (error) {
          // Some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM) make SQLite
          // roll back the whole transaction: then no append of the batch holds.
          if (!this.db.inTransaction) throw error;
          return { ok: false, error };
        }
      }),
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
    mkdirSync(options.dataDir, { recursive: true });
    const file = join(options.dataDir, options.fileName ?? 'ledger.sqlite');
    const db = new Database(file, { timeout: SQLITE_EVENT_STORE_LIMITS.busyTimeoutMs });
    try {
      db.pragma(`busy_timeout = ${SQLITE_EVENT_STORE_LIMITS.busyTimeoutMs}`);
      db.pragma('journal_mode = WAL');
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
  async append(
    stream: string,
    events: EventToAppend[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    this.assertOpen();
    assertStreamName(stream);
    assertExpectedRevision(expected);
    if (!Array.isArray(events)) throw new TypeError('events must be an array');
    if (events.length > SQLITE_EVENT_STORE_LIMITS.eventsPerAppendMax) {
      throw new RangeError(
        `append of ${events.length} events exceeds ${SQLITE_EVENT_STORE_LIMITS.eventsPerAppendMax}`,
      );
    }
    // Serialised before BEGIN IMMEDIATE so the write lock is held only for the inserts.
    const prepared = events.map(prepareEvent);
    const scope = currentAppendScope(); // ADR 0011: e.g. an idempotency key committed with the events
    if (this.groupCommit === undefined) {
      this.stats.appends++;
      this.stats.transactions++;
      this.stats.largestBatch = 1;
      const result = this.appendTransaction.immediate(stream, prepared, expected, scope);
      if (prepared.length > 0) {
        this.anchor?.recordHead(this.db); // issue #12: before the append is answered
        this.wakeSubscriptions();
      }
      return result;
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ stream, events: prepared, expected, scope, resolve, reject });
      this.scheduleFlush();
    });
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamName(stream);
    const backwards = (options.direction ?? 'forwards') === 'backwards';
    if (options.direction !== undefined && options.direction !== 'forwards' && !backwards) {
      throw new TypeError(`unknown direction ${String(options.direction)}`);
    }
    if (options.fromRevision !== undefined) {
      assertIntegerInRange('fromRevision', options.fromRevision, 0, POSITION_MAX);
    }
    const limit = maxCountToLimit(options.maxCount);
    const rows = backwards
      ? this.statements.readStreamBackwards.all(stream, options.fromRevision ?? POSITION_MAX, limit)
      : this.statements.readStreamForwards.all(stream, options.fromRevision ?? 0, limit);
    return (rows as EventRow[]).map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const afterPosition = options.afterPosition ?? 0;
    assertIntegerInRange('afterPosition', afterPosition, 0, POSITION_MAX);
    const limit = maxCountToLimit(options.maxCount);
    assertFilter(options);
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
    assertFilter(options);
    // Copied so a caller mutating its arrays later cannot change a running filter.
    const filter: EventFilter = {
      streamPrefixes: options.streamPrefixes && [...options.streamPrefixes],
      eventTypes: options.eventTypes && [...options.eventTypes],
    };
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
    while (this.queue.length > 0) this.commitBatch(this.takeBatch());
    await Promise.all([...this.subscriptions].map((s) => s.stop()));
    this.db.close();
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
    const { maxAppends, maxEvents } = this.groupCommit ?? GROUP_COMMIT_DEFAULTS;
    let count = 0;
    let events = 0;
    while (count < this.queue.length && count < maxAppends) {
      const next = this.queue[count].events.length;
      if (count > 0 && events + next > maxEvents) break;
      events += next;
      count++;
    }
    return this.queue.splice(0, count);
  }

  /** One transaction, one fsync; each caller hears only after COMMIT returned. */
  private commitBatch(batch: PendingAppend[]): void {
    this.stats.appends += batch.length;
    this.stats.transactions++;
    this.stats.largestBatch = Math.max(this.stats.largestBatch, batch.length);
    let outcomes: AppendOutcome[];
    try {
      outcomes =
        batch.length === 1
          ? // Alone: its own transaction is its savepoint.
            [{ ok: true, result: this.appendTransaction.immediate(...pendingArgs(batch[0])) }]
          : this.batchTransaction.immediate(batch);
    } catch (err) {
      // BEGIN, COMMIT or a batch-wide rollback failed (or the lone append was
      // refused): nothing of it holds.
      for (const p of batch) p.reject(err);
      return;
    }
    const wrote = outcomes.some((outcome, i) => outcome.ok && batch[i].events.length > 0);
    if (wrote) this.anchor?.recordHead(this.db); // issue #12: before any append of it is answered
    outcomes.forEach((outcome, i) => {
      if (outcome.ok) batch[i].resolve(outcome.result);
      else batch[i].reject(outcome.error);
    });
    if (wrote) this.wakeSubscriptions();
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
    const prefixes = filter.streamPrefixes ?? [];
    const types = filter.eventTypes ?? [];
    const params: unknown[] = [afterPosition, upToPosition];
    for (const prefix of prefixes) params.push(prefix, prefix);
    params.push(...types, limit);
    const rows = this.filterStatement(prefixes.length, types.length).all(...params);
    return (rows as EventRow[]).map(toRecordedEvent);
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

  private wakeSubscriptions(): void {
    for (const wake of [...this.waiters]) wake();
  }

  private appendInTransaction(
    stream: string,
    events: PreparedEvent[],
    expected: ExpectedRevision,
    scope: AppendScope | undefined,
  ): AppendResult {
    const row = this.statements.streamRevision.get(stream) as { revision: number } | undefined;
    const current = row === undefined ? ('no_stream' as const) : row.revision;
    if (!revisionMatches(expected, current)) {
      throw new ConcurrencyError(stream, expected, current);
    }
    const startRevision = current === 'no_stream' ? 0 : current + 1;
    if (events.length === 0) {
      return this.currentAppendResult(stream, startRevision - 1);
    }
    const recorded: RecordedEvent[] = [];
    events.forEach((event, index) => {
      const revision = startRevision + index;
      const info = this.statements.insertEvent.run(
        event.eventId,
        stream,
        revision,
        event.type,
        event.data,
        event.metadata,
      );
      recorded.push({
        eventId: event.eventId,
        type: event.type,
        stream,
        revision,
        position: Number(info.lastInsertRowid),
        data: JSON.parse(event.data) as Record<string, unknown>,
        metadata: JSON.parse(event.metadata) as EventMetadata,
      });
    });
    const last = recorded[recorded.length - 1];
    this.statements.upsertStream.run(stream, last.revision);
    scope?.inSqliteTransaction?.(this.db, recorded);
    this.inlineProjector?.applyInTransaction(this.db, recorded);
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  private currentAppendResult(stream: string, revision: number): AppendResult {
    if (revision < 0) return { nextExpectedRevision: -1, position: 0 };
    const row = this.statements.positionOf.get(stream, revision) as { position: number };
    return { nextExpectedRevision: revision, position: row.position };
  }

  /** One cached statement per (number of prefixes, number of types); both are bounded. */
  private filterStatement(prefixCount: number, typeCount: number): Database.Statement {
    const key = `${prefixCount}:${typeCount}`;
    let statement = this.filterStatements.get(key);
    if (statement === undefined) {
      const where = ['position > ?', 'position <= ?'];
      if (prefixCount > 0) {
        // substr/length count characters, so this is an exact, case-sensitive
        // prefix test (LIKE would be case-insensitive and need escaping).
        const one = 'substr(stream, 1, length(?)) = ?';
        where.push(`(${Array(prefixCount).fill(one).join(' OR ')})`);
      }
      if (typeCount > 0) where.push(`type IN (${Array(typeCount).fill('?').join(', ')})`);
      statement = this.db.prepare(
        `SELECT ${SELECT_COLUMNS} WHERE ${where.join(' AND ')} ORDER BY position LIMIT ?`,
      );
      this.filterStatements.set(key, statement);
    }
    return statement;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('event store is closed');
  }
}

interface SubscriptionSource {
  headPosition(): number;
  readPage(afterPosition: number, upToPosition: number, limit: number): RecordedEvent[];
  waitForAppend(onRegistered: (wake: () => void) => void): Promise<void>;
}

/**
 * Catch-up then live, one loop: read a page after the cursor, hand its events
 * to the handler one at a time, and when nothing is new wait for a local append
 * or one poll interval (which is how appends by other processes are seen).
 */
class SqliteSubscription implements Subscription {
  private stopped = false;
  private wakeCurrentWait: (() => void) | undefined;
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly source: SubscriptionSource,
    private readonly handler: EventHandler,
    private cursor: number,
    private readonly onError: ((err: unknown) => void) | undefined,
  ) {}

  start(onExit: () => void): void {
    this.loop = this.run().finally(onExit);
  }

  stop(): Promise<void> {
    this.stopped = true;
    this.wakeCurrentWait?.();
    return this.loop;
  }

  private async run(): Promise<void> {
    const pageSize = SQLITE_EVENT_STORE_LIMITS.subscriptionPageSize;
    try {
      while (!this.stopped) {
        // Bounding the page by a head read first lets a short page move the
        // cursor to that head: every position up to it is already committed
        // (see the class comment), so filtered-out events are not rescanned.
        const head = this.source.headPosition();
        const page = head > this.cursor ? this.source.readPage(this.cursor, head, pageSize) : [];
        for (const event of page) {
          if (this.stopped) return;
          await this.handler(event);
          this.cursor = event.position;
        }
        if (page.length < pageSize) this.cursor = Math.max(this.cursor, head);
        if (page.length === 0 && !this.stopped) {
          await this.source.waitForAppend((wake) => (this.wakeCurrentWait = wake));
          this.wakeCurrentWait = undefined;
        } else {
          // A synchronous handler only ever awaits microtasks: without this, a
          // long catch-up would starve timers and I/O in the whole process.
          await yieldToEventLoop();
        }
      }
    } catch (err) {
      this.stopped = true;
      this.onError?.(err);
    }
  }
}

function prepareStatements(db: Database.Database) {
  return {
    streamRevision: db.prepare('SELECT revision FROM streams WHERE stream = ?'),
    insertEvent: db.prepare(
      'INSERT INTO events (event_id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    upsertStream: db.prepare(
      'INSERT INTO streams (stream, revision) VALUES (?, ?) ' +
        'ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision',
    ),
    positionOf: db.prepare('SELECT position FROM events WHERE stream = ? AND revision = ?'),
    headPosition: db.prepare('SELECT COALESCE(MAX(position), 0) AS head FROM events'),
    readStreamForwards: db.prepare(
      `SELECT ${SELECT_COLUMNS} WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
    ),
    readStreamBackwards: db.prepare(
      `SELECT ${SELECT_COLUMNS} WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    ),
  };
}

const pendingArgs = (
  p: PendingAppend,
): [string, PreparedEvent[], ExpectedRevision, AppendScope | undefined] => [
  p.stream,
  p.events,
  p.expected,
  p.scope,
];

function groupCommitOptions(
  option: SqliteEventStoreOptions['groupCommit'],
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

function revisionMatches(expected: ExpectedRevision, current: number | 'no_stream'): boolean {
  if (expected === 'any') return true;
  return expected === current;
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.eventId,
    type: row.type,
    stream: row.stream,
    revision: row.revision,
    position: row.position,
    data: JSON.parse(row.data) as Record<string, unknown>,
    metadata: JSON.parse(row.metadata) as EventMetadata,
  };
}

function prepareEvent(event: EventToAppend, index: number): PreparedEvent {
  const limits = SQLITE_EVENT_STORE_LIMITS;
  assertText(`events[${index}].type`, event.type, limits.eventTypeLengthMax);
  if (event.eventId !== undefined) {
    assertText(`events[${index}].eventId`, event.eventId, limits.eventIdLengthMax);
  }
  if (!isPlainObject(event.data)) throw new TypeError(`events[${index}].data must be an object`);
  if (!isPlainObject(event.metadata)) {
    throw new TypeError(`events[${index}].metadata must be an object`);
  }
  const data = JSON.stringify(event.data);
  const metadata = JSON.stringify(event.metadata);
  if (data.length + metadata.length > limits.eventJsonLengthMax) {
    throw new RangeError(`events[${index}] is larger than ${limits.eventJsonLengthMax} chars`);
  }
  return { eventId: event.eventId ?? randomUUID(), type: event.type, data, metadata };
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function maxCountToLimit(maxCount: number | undefined): number {
  if (maxCount === undefined) return NO_LIMIT;
  assertIntegerInRange('maxCount', maxCount, 0, POSITION_MAX);
  return maxCount;
}

function assertStreamName(stream: string): void {
  assertText('stream', stream, SQLITE_EVENT_STORE_LIMITS.streamNameLengthMax);
}

function assertExpectedRevision(expected: ExpectedRevision): void {
  if (expected === 'any' || expected === 'no_stream') return;
  assertIntegerInRange('expected revision', expected, 0, POSITION_MAX);
}

/** Empty filter lists are refused: "match nothing" and "match all" would both surprise. */
function assertFilter(filter: EventFilter): void {
  const limits = SQLITE_EVENT_STORE_LIMITS;
  assertList('streamPrefixes', filter.streamPrefixes, limits.filterStreamPrefixesMax);
  assertList('eventTypes', filter.eventTypes, limits.filterEventTypesMax);
  filter.streamPrefixes?.forEach((p, i) => assertText(`streamPrefixes[${i}]`, p, 1_024));
  filter.eventTypes?.forEach((t, i) =>
    assertText(`eventTypes[${i}]`, t, limits.eventTypeLengthMax),
  );
}

function assertList(name: string, list: string[] | undefined, lengthMax: number): void {
  if (list === undefined) return;
  if (!Array.isArray(list) || list.length === 0 || list.length > lengthMax) {
    throw new RangeError(`${name} must be a list of 1..${lengthMax} strings when given`);
  }
}

function assertText(name: string, value: unknown, lengthMax: number): void {
  if (typeof value !== 'string' || value.length === 0 || value.length > lengthMax) {
    throw new RangeError(`${name} must be a string of 1..${lengthMax} chars`);
  }
}

function assertIntegerInRange(name: string, value: unknown, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    throw new RangeError(`${name} must be an integer in ${min}..${max}, got ${String(value)}`);
  }
}
