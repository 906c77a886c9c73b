import * as fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { EventMetadata, RecordedEvent } from '@ledger/event-store/event-store.port';
import { sha256Hex } from '@ledger/event-store/integrity/event-seal';
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
import {
  PUT_DOCUMENT_SQL,
  UPSERT_CHECKPOINTS_SQL,
} from '@ledger/projections/sqlite/sqlite-read-model.writer';
import { CompiledStory } from './story-copy';
import { fillText } from './text-template';

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
 * the read-model rows and every projection's checkpoint
 * at the new head, in transactions of `storiesPerTransaction` stories at
 * `synchronous = FULL` as the store commits. The file must hold only what the
 * store and the inline projector wrote (read models level with the log), and
 * no append may be in flight on `db` meanwhile.
 */
export function writeStoriesDirect(
  db: Database.Database,
  story: CompiledStory,
  from: number,
  to: number,
  options: DirectWriteOptions = {},
): { head: number; events: number } {
  const perTransaction = options.storiesPerTransaction ?? 1_000;
  let head = startingHead(db);
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

  const writeChunk = db.transaction((first: number, last: number) => {
    for (let n = first; n < last; n++)
      head = writeStory(story, n, head, statements, loadShared, apply);
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
  });
  const started = head;
  const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
  if (options.cacheMiB !== undefined) db.pragma(`cache_size = -${options.cacheMiB * 1024}`);
  const writeAll = () => {
    for (let first = from; first < to; first += perTransaction) {
      writeChunk.immediate(first, Math.min(to, first + perTransaction));
      options.anchor?.recordHead(db);
    }
  };
  try {
    if (started === 0 && (options.bulkWhenEmpty ?? true)) asBulkLoad(db, writeAll);
    else writeAll();
  } finally {
    db.pragma(`cache_size = ${cacheBefore}`);
  }
  return { head, events: head - started };
}

/**
 * Runs `write` on a file that holds no event yet as a bulk load: the
 * secondary indexes (every `CREATE INDEX` of the schema) dropped first and
 * created again, from their own SQL, after the rows, one sort each instead
 * of an insert at a random place per row; the rollback journal in memory and
 * `synchronous = OFF` meanwhile (no WAL, so each page is written once), then
 * the file fsynced and the store's WAL and synchronous setting restored. A
 * crash midway leaves a new file that must be thrown away (nothing the store
 * acknowledged is in it); what a finished run leaves is the same rows, indexes
 * and schema as the store's own way.
 */
function asBulkLoad(db: Database.Database, write: () => void): void {
  const journalBefore = db.pragma('journal_mode', { simple: true }) as string;
  const synchronousBefore = db.pragma('synchronous', { simple: true }) as number;
  const indexes = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[];
  if (db.pragma('journal_mode = MEMORY', { simple: true }) !== 'memory') {
    throw new Error('could not take the file out of WAL mode for the bulk load');
  }
  db.pragma('synchronous = OFF');
  try {
    db.transaction(() => {
      for (const { name } of indexes) db.exec(`DROP INDEX "${name.replaceAll('"', '""')}"`);
    }).immediate();
    write();
    db.transaction(() => {
      for (const { sql } of indexes) db.exec(sql);
    }).immediate();
  } finally {
    db.pragma(`synchronous = ${synchronousBefore}`);
    db.pragma(`journal_mode = ${journalBefore}`);
  }
  // synchronous = OFF left the pages to the OS: on disk before anyone reads the file as a ledger.
  const fd = fs.openSync(db.name, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

type Statements = ReturnType<typeof prepare>;

function prepare(db: Database.Database) {
  return {
    insertEvent: db.prepare(
      'INSERT INTO events (position, event_id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ),
    insertDocument: db.prepare(
      `INSERT INTO ${DOCUMENTS_TABLE} (collection, id, doc, position) VALUES (?, ?, ?, ?)`,
    ),
    getDocument: db.prepare(
      `SELECT doc, position FROM ${DOCUMENTS_TABLE} WHERE collection = ? AND id = ?`,
    ),
    putDocument: db.prepare(PUT_DOCUMENT_SQL),
    deleteDocument: db.prepare(`DELETE FROM ${DOCUMENTS_TABLE} WHERE collection = ? AND id = ?`),
    upsertCheckpoints: db.prepare(UPSERT_CHECKPOINTS_SQL),
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

/** The log's head, after checking that the read models are where the store left them. */
function startingHead(db: Database.Database): number {
  const head =
    (db.prepare('SELECT COALESCE(MAX(position), 0) FROM events').pluck().get() as number) ?? 0;
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

function writeStory(
  story: CompiledStory,
  n: number,
  head: number,
  s: Statements,
  loadShared: (collection: string, id: string) => SharedDocument,
  apply: (op: ReadModelOperation, position: number) => void,
): number {
  const values = story.valuesFor(n, head);
  const texts: { stream: string; data: string; metadata: string }[] = [];
  story.events.forEach((e, k) => {
    const hash = sha256Hex(fillText(e.hashInput, values));
    values[e.hashSlot] = hash;
    const text = {
      stream: fillText(e.stream, values),
      data: fillText(e.data, values),
      metadata: fillText(e.metadata, values),
    };
    texts.push(text);
    s.insertEvent.run(
      head + k + 1,
      eventIdOf(values, story, k),
      text.stream,
      e.revision,
      e.type,
      text.data,
      text.metadata,
    );
  });
  for (const d of story.documents) {
    s.insertDocument.run(
      fillText(d.collection, values),
      fillText(d.id, values),
      fillText(d.doc, values),
      head + d.position,
    );
  }
  for (const row of story.journalRows) {
    const args = row.values.map((v) =>
      'literal' in v ? v.literal : 'text' in v ? fillText(v.text, values) : head + v.position,
    );
    s.journal.get(row.table)!.run(...args);
  }
  // Shared documents: the projection itself evolves them with this copy's events.
  for (const step of story.globalSteps) {
    const k = step.event;
    const event: RecordedEvent = {
      eventId: eventIdOf(values, story, k),
      type: story.events[k].type,
      stream: texts[k].stream,
      revision: story.events[k].revision,
      position: head + k + 1,
      data: JSON.parse(texts[k].data) as Record<string, unknown>,
      metadata: JSON.parse(texts[k].metadata) as EventMetadata,
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

function eventIdOf(values: readonly string[], story: CompiledStory, k: number): string {
  return values[story.eventIdSlots[k]];
}
