import type Database from 'better-sqlite3';
import {
  AppendResult,
  EventMetadata,
  EventToAppend,
  RecordedEvent,
  StreamAppend,
} from '../event-store.port';
import { assertExpectedRevision, assertStreamName } from '../event-store-arguments';
import { assertText, EventFilter } from '../event-store-arguments';
import type { PreparedPart } from './sqlite-group-commit';
import { SQLITE_EVENT_STORE_LIMITS } from './sqlite-event-store.limits';
import type { SqliteEventIds } from './sqlite-event-ids';
import { storedEventTexts } from '../integrity/event-seal';

/**
 * The `events` table (sqlite-schema.ts) as the store reads and writes it:
 * the SQL, and the conversion between rows and the port's events.
 */

/** An event checked and serialised, ready to insert. */
export interface PreparedEvent {
  /** As stored: NULL for an id the store derives (SqliteEventIds). */
  eventId: string | null;
  type: string;
  data: string;
  metadata: string;
}

const SELECT_COLUMNS =
  'position, event_id AS eventId, stream, revision, type, data, metadata FROM events';

/**
 * A limit bound as a parameter, behind a unary plus. SQLite (3.47 and later)
 * reads a limit that is a bare parameter when it plans the statement, and
 * marks the statement to be planned again whenever that parameter is bound:
 * every call parsed and planned it anew, a quarter of a stream read's CPU
 * (ADR 0020 §77). `+?` is the same integer, and SQLite does not look into it
 * (test/sql-planned-once.unit.spec.ts keeps the bare form out).
 */
export const LIMIT_PARAMETER = 'LIMIT +?';

export type EventStatements = ReturnType<typeof prepareStatements>;

export function prepareStatements(db: Database.Database) {
  return {
    /** One row always: `revision` is null for a stream with no events. */
    streamRevision: db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream = ?'),
    insertEvent: db.prepare(
      'INSERT INTO events (event_id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    positionOf: db.prepare('SELECT position FROM events WHERE stream = ? AND revision = ?'),
    headPosition: db.prepare('SELECT COALESCE(MAX(position), 0) AS head FROM events'),
    readStreamForwards: db
      .prepare(
        `SELECT ${SELECT_COLUMNS} WHERE stream = ? AND revision >= ? ORDER BY revision ASC ${LIMIT_PARAMETER}`,
      )
      .raw(true),
    readStreamBackwards: db
      .prepare(
        `SELECT ${SELECT_COLUMNS} WHERE stream = ? AND revision <= ? ORDER BY revision DESC ${LIMIT_PARAMETER}`,
      )
      .raw(true),
  };
}

/**
 * Events in (after, upTo] matching a filter of `prefixCount` stream prefixes
 * and `typeCount` types, ascending, up to a limit; parameters by `filterParams`.
 */
export function filterQuery(prefixCount: number, typeCount: number): string {
  const where = ['position > ?', 'position <= ?'];
  if (prefixCount > 0) {
    // substr/length count characters, so this is an exact, case-sensitive
    // prefix test (LIKE would be case-insensitive and need escaping).
    const one = 'substr(stream, 1, length(?)) = ?';
    where.push(`(${Array(prefixCount).fill(one).join(' OR ')})`);
  }
  if (typeCount > 0) where.push(`type IN (${Array(typeCount).fill('?').join(', ')})`);
  return `SELECT ${SELECT_COLUMNS} WHERE ${where.join(' AND ')} ORDER BY position ${LIMIT_PARAMETER}`;
}

export function filterParams(
  afterPosition: number,
  upToPosition: number,
  limit: number,
  filter: EventFilter,
): unknown[] {
  const params: unknown[] = [afterPosition, upToPosition];
  for (const prefix of filter.streamPrefixes ?? []) params.push(prefix, prefix);
  params.push(...(filter.eventTypes ?? []), limit);
  return params;
}

/**
 * A row of SELECT_COLUMNS as an array (`raw(true)`), in that order. Reads
 * take rows this way: an object row is built by better-sqlite3 one property
 * at a time, through V8's generic property store, a quarter of a stream
 * read's CPU (ADR 0020 §80).
 */
export type EventRawRow = [
  position: number,
  eventId: string | null,
  stream: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
];

export function rawRowToRecordedEvent(row: EventRawRow, ids: SqliteEventIds): RecordedEvent {
  return {
    eventId: row[1] ?? ids.derivedId(row[0]),
    type: row[4],
    stream: row[2],
    revision: row[3],
    position: row[0],
    data: JSON.parse(row[5]) as Record<string, unknown>,
    metadata: JSON.parse(row[6]) as EventMetadata,
  };
}

/** The event as it was just inserted, parsed back as a reader will see it. */
export function insertedEvent(
  event: PreparedEvent,
  stream: string,
  revision: number,
  position: number,
  ids: SqliteEventIds,
): RecordedEvent {
  // The row a read would return, so both come from one conversion.
  const { eventId, type, data, metadata } = event;
  return rawRowToRecordedEvent([position, eventId, stream, revision, type, data, metadata], ids);
}

export function prepareEvent(
  event: EventToAppend,
  index: number,
  ids: SqliteEventIds,
): PreparedEvent {
  const limits = SQLITE_EVENT_STORE_LIMITS;
  assertText(`events[${index}].type`, event.type, limits.eventTypeLengthMax);
  if (event.eventId !== undefined) {
    assertText(`events[${index}].eventId`, event.eventId, limits.eventIdLengthMax);
  }
  if (!isPlainObject(event.data)) throw new TypeError(`events[${index}].data must be an object`);
  if (!isPlainObject(event.metadata)) {
    throw new TypeError(`events[${index}].metadata must be an object`);
  }
  // A sealed event is stored in its canonical texts, which verification hashes as they are.
  const texts = storedEventTexts(event);
  const data = texts?.data ?? JSON.stringify(event.data);
  const metadata = texts?.metadata ?? JSON.stringify(event.metadata);
  if (data.length + metadata.length > limits.eventJsonLengthMax) {
    throw new RangeError(`events[${index}] is larger than ${limits.eventJsonLengthMax} chars`);
  }
  return { eventId: ids.toStore(event.eventId, index), type: event.type, data, metadata };
}

/** An append's parts checked (names, revisions, the size of the whole) and serialised. */
export function preparedParts(parts: readonly StreamAppend[], ids: SqliteEventIds): PreparedPart[] {
  let total = 0;
  for (const { stream, events, expected } of parts) {
    assertStreamName(stream);
    assertExpectedRevision(expected);
    if (!Array.isArray(events)) throw new TypeError('events must be an array');
    total += events.length;
  }
  if (total > SQLITE_EVENT_STORE_LIMITS.eventsPerAppendMax) {
    throw new RangeError(
      `append of ${total} events exceeds ${SQLITE_EVENT_STORE_LIMITS.eventsPerAppendMax}`,
    );
  }
  // Serialised before BEGIN IMMEDIATE so the write lock is held only for the inserts.
  return parts.map(({ stream, events, expected }): PreparedPart => ({
    stream,
    events: events.map((event, index) => prepareEvent(event, index, ids)),
    expected,
  }));
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An append's event rows from `startRevision` on, as the recorded events they became. */
export function insertEventRows(
  statements: EventStatements,
  stream: string,
  events: readonly PreparedEvent[],
  startRevision: number,
  ids: SqliteEventIds,
): RecordedEvent[] {
  return events.map((event, index) => {
    const revision = startRevision + index;
    const info = statements.insertEvent.run(
      event.eventId,
      stream,
      revision,
      event.type,
      event.data,
      event.metadata,
    );
    return insertedEvent(event, stream, revision, Number(info.lastInsertRowid), ids);
  });
}

/**
 * The same rows as `insertEventRows`, for an append nobody reads back (no
 * inline projector, no scope): the position of the last, without parsing
 * every event's JSON again into a recorded event.
 */
export function insertEventRowsOnly(
  statements: EventStatements,
  stream: string,
  events: readonly PreparedEvent[],
  startRevision: number,
): number {
  let position = 0;
  for (let index = 0; index < events.length; index++) {
    const event = events[index];
    const info = statements.insertEvent.run(
      event.eventId,
      stream,
      startRevision + index,
      event.type,
      event.data,
      event.metadata,
    );
    position = Number(info.lastInsertRowid);
  }
  return position;
}

/** What an append that wrote nothing answers: the stream as it stands at `revision`. */
export function appendResultAt(
  statements: EventStatements,
  stream: string,
  revision: number,
): AppendResult {
  if (revision < 0) return { nextExpectedRevision: -1, position: 0 };
  const row = statements.positionOf.get(stream, revision) as { position: number };
  return { nextExpectedRevision: revision, position: row.position };
}
