import type Database from 'better-sqlite3';
import type { EventMetadata, RecordedEvent } from '@ledger/event-store/event-store.port';
import type { SqliteLogAnchor } from '@ledger/event-store/sqlite/sqlite-log-anchor';
import { LEDGER_PROJECTIONS } from '@ledger/projections/projections';
import {
  checkpointName,
  listEntryOperations,
  ReadModelOperation,
} from '@ledger/projections/read-model';
import {
  CHECKPOINT_TABLE,
  DOCUMENTS_TABLE,
  JOURNAL_TABLES,
} from '@ledger/projections/sqlite/sqlite-read-model.schema';
import { asBulkLoad } from './bulk-load';
import { CompiledStory } from './story-copy';
import { makeRowBatch, RowBatch, textLayout } from './story-rows';

export interface DirectWriteOptions {
  /** Stories per transaction (one COMMIT, one fsync each). Default 1,000. */
  storiesPerTransaction?: number;
  /** The store's log anchor, when it keeps one: moved after every commit, as the store does. */
  anchor?: SqliteLogAnchor;
  /**
   * SQLite's page cache while writing, in MiB (restored after). The indexes
   * on random keys (stream names, document ids) outgrow the default 2 MiB.
   */
  cacheMiB?: number;
  /**
   * A file with no event yet is written as a bulk load (default true): see
   * `asBulkLoad`. A file that already holds events is written as the store
   * writes, so what it held is never at risk.
   */
  bulkWhenEmpty?: boolean;
}

/** A document shared by the stories (a budget), as the writer holds it between events. */
interface SharedDocument {
  collection: string;
  id: string;
  doc: object | undefined;
  position: number;
}

/**
 * Writes stories [from, to) of a compiled template (story-copy.ts) straight
 * into the embedded store's file, each story's events at consecutive
 * positions after the head: event rows with their hash chains sealed again,
 * the `streams` rows, the read-model rows and every projection's checkpoint
 * at the new head, in transactions of `storiesPerTransaction` stories at
 * `synchronous = FULL` as the store commits. The file must hold only what the
 * store and the inline projector wrote (read models level with the log), and
 * no append may be in flight on `db` meanwhile. One thread makes the texts
 * and inserts them; direct-history.pipelined.ts makes them on a second one.
 */
export function writeStoriesDirect(
  db: Database.Database,
  story: CompiledStory,
  from: number,
  to: number,
  options: DirectWriteOptions = {},
): { head: number; events: number } {
  const perTransaction = options.storiesPerTransaction ?? 1_000;
  const writer = directWriter(db, story);
  const writeChunk = db.transaction((first: number, last: number) => {
    // A story at a time, its texts made just before they are inserted.
    for (let n = first; n < last; n++)
      writer.insert(makeRowBatch(story, story.valuesFor, n, n + 1, writer.head));
    writer.endTransaction();
  });
  const restoreCache = useCache(db, options);
  const writeAll = () => {
    for (let first = from; first < to; first += perTransaction) {
      writeChunk.immediate(first, Math.min(to, first + perTransaction));
      options.anchor?.recordHead(db);
    }
  };
  try {
    if (writer.started === 0 && (options.bulkWhenEmpty ?? true)) asBulkLoad(db, writeAll);
    else writeAll();
  } finally {
    restoreCache();
  }
  return { head: writer.head, events: writer.head - writer.started };
}

/** Sets the page cache of `options.cacheMiB`; returns what sets it back. */
export function useCache(db: Database.Database, options: DirectWriteOptions): () => void {
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
  if (options.cacheMiB !== undefined) db.pragma(`cache_size = -${options.cacheMiB * 1024}`);
  return () => db.pragma(`cache_size = ${cacheBefore}`);
}

/**
 * What a write holds between its transactions: the head it started at and
 * has reached, and the shared documents as the stories so far left them.
 * `insert` takes a batch's rows in a transaction the caller opened;
 * `endTransaction` writes the shared documents and checkpoints before its
 * COMMIT.
 */
export interface DirectWriter {
  readonly started: number;
  readonly head: number;
  insert(batch: RowBatch): void;
  endTransaction(): void;
}

export function directWriter(db: Database.Database, story: CompiledStory): DirectWriter {
  const started = startingHead(db);
  let head = started;
  const statements = prepare(db);
  const checkpointNames = JSON.stringify(LEDGER_PROJECTIONS.map(checkpointName));
  const shared = new Map<string, SharedDocument>();
  const loadShared = (collection: string, id: string): SharedDocument => {
    const key = `${collection}\u0000${id}`;
    let entry = shared.get(key);
    if (entry === undefined) {
      const row = statements.getDocument.get(collection, id) as
        { doc: string; position: number } | undefined;
      entry = {
        collection,
        id,
        doc: row && (JSON.parse(row.doc) as object),
        position: row?.position ?? 0,
      };
      shared.set(key, entry);
    }
    return entry;
  };
  const apply = (op: ReadModelOperation, position: number) => {
    if (op.kind === 'journal') throw new Error('a shared document wrote a journal row');
    const entry = loadShared(op.collection, op.id);
    entry.doc = op.kind === 'put' ? op.doc : undefined;
    entry.position = position;
  };
  return {
    started,
    get head() {
      return head;
    },
    insert(batch) {
      if (batch.head !== head) throw new Error(`rows made for head ${batch.head}, at ${head}`);
      for (let i = 0; i < batch.last - batch.first; i++)
        head = insertStory(story, batch, i, head, statements, loadShared, apply);
    },
    endTransaction() {
      for (const entry of shared.values()) {
        if (entry.doc === undefined) statements.deleteDocument.run(entry.collection, entry.id);
        else {
          statements.putDocument.run(
            entry.collection,
            entry.id,
            JSON.stringify(entry.doc),
            entry.position,
          );
        }
      }
      statements.upsertCheckpoints.run(head, checkpointNames);
    },
  };
}

type Statements = ReturnType<typeof prepare>;

function prepare(db: Database.Database) {
  return {
    insertEvent: db.prepare(
      'INSERT INTO events (position, event_id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    // A plain INSERT: a story's streams are new, as its appends' `no_stream` said.
    insertStream: db.prepare('INSERT INTO streams (stream, revision) VALUES (?, ?)'),
    insertDocument: db.prepare(
      `INSERT INTO ${DOCUMENTS_TABLE} (collection, id, doc, position) VALUES (?, ?, ?, ?)`,
    ),
    getDocument: db.prepare(
      `SELECT doc, position FROM ${DOCUMENTS_TABLE} WHERE collection = ? AND id = ?`,
    ),
    putDocument: db.prepare(
      `INSERT INTO ${DOCUMENTS_TABLE} (collection, id, doc, position) VALUES (?, ?, ?, ?) ` +
        'ON CONFLICT (collection, id) DO UPDATE SET doc = excluded.doc, position = excluded.position',
    ),
    deleteDocument: db.prepare(`DELETE FROM ${DOCUMENTS_TABLE} WHERE collection = ? AND id = ?`),
    upsertCheckpoints: db.prepare(
      `INSERT INTO ${CHECKPOINT_TABLE} (name, position) SELECT value, ? FROM json_each(?) WHERE true ` +
        'ON CONFLICT (name) DO UPDATE SET position = excluded.position',
    ),
    journal: new Map(
      JOURNAL_TABLES.map((t) => {
        const columns = (
          db.prepare(`SELECT * FROM ${t.table} LIMIT 0`).columns() as { name: string }[]
        ).map((c) => c.name);
        const sql = `INSERT INTO ${t.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
        return [t.table, db.prepare(sql)];
      }),
    ),
  };
}

/** The log's head, after checking that positions and read models are where the store left them. */
function startingHead(db: Database.Database): number {
  const head =
    (db.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck().get() as number) ?? 0;
  const sequence = db
    .prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'")
    .pluck()
    .get() as number | undefined;
  if ((sequence ?? 0) !== head) throw new Error(`events: sequence ${sequence} but head ${head}`);
  const checkpoints = new Map(
    (
      db.prepare(`SELECT name, position FROM ${CHECKPOINT_TABLE}`).all() as {
        name: string;
        position: number;
      }[]
    ).map((r) => [r.name, r.position]),
  );
  for (const projection of LEDGER_PROJECTIONS) {
    const at = checkpoints.get(checkpointName(projection)) ?? 0;
    if (at !== head) {
      throw new Error(
        `read model ${checkpointName(projection)} is at ${at}, the log at ${head}: catch up first`,
      );
    }
  }
  return head;
}

/** Inserts story `i` of `batch`, at `head`; returns the head after it. */
function insertStory(
  story: CompiledStory,
  batch: RowBatch,
  i: number,
  head: number,
  s: Statements,
  loadShared: (collection: string, id: string) => SharedDocument,
  apply: (op: ReadModelOperation, position: number) => void,
): number {
  const layout = textLayout(story);
  const texts = batch.texts;
  const at = i * layout.perStory;
  const text = (k: number, field: 0 | 1 | 2 | 3) => texts[at + k * 4 + field];
  story.events.forEach((e, k) => {
    s.insertEvent.run(
      head + k + 1,
      text(k, 0),
      text(k, 1),
      e.revision,
      e.type,
      text(k, 2),
      text(k, 3),
    );
  });
  story.streams.forEach((st, j) => s.insertStream.run(texts[at + layout.streams + j], st.revision));
  story.documents.forEach((d, j) => {
    const doc = at + layout.documents + j * 3;
    s.insertDocument.run(texts[doc], texts[doc + 1], texts[doc + 2], head + d.position);
  });
  let journal = at + layout.journal;
  for (const row of story.journalRows) {
    const args = row.values.map((v) =>
      'literal' in v ? v.literal : 'text' in v ? texts[journal++] : head + v.position,
    );
    s.journal.get(row.table)!.run(...args);
  }
  // Shared documents: the projection itself evolves them with this copy's events.
  for (const step of story.globalSteps) {
    const k = step.event;
    const event: RecordedEvent = {
      eventId: text(k, 0),
      type: story.events[k].type,
      stream: text(k, 1),
      revision: story.events[k].revision,
      position: head + k + 1,
      data: JSON.parse(text(k, 2)) as Record<string, unknown>,
      metadata: JSON.parse(text(k, 3)) as EventMetadata,
    };
    const entry = loadShared(step.projection.collection, step.id);
    const before = entry.doc;
    const next = step.projection.evolve(before, event, step.id, (otherId) => {
      // A story's own documents are copied as text, not held here to be shown.
      throw new Error(
        `${step.projection.name}: ${otherId} is a story's document; not supported here`,
      );
    });
    if (next === undefined || next === before || (next === null && before === undefined)) continue;
    const after = next === null ? undefined : next;
    apply(
      after === undefined
        ? { kind: 'delete', collection: entry.collection, id: entry.id }
        : { kind: 'put', collection: entry.collection, id: entry.id, doc: after },
      event.position,
    );
    for (const op of listEntryOperations(step.projection, step.id, before, after))
      apply(op, event.position);
  }
  return head + story.eventsPerStory;
}
