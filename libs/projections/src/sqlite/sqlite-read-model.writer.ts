import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import {
  checkpointName,
  OperationWriter,
  Projection,
  projectionOperations,
  writeOperations,
} from '../read-model';
import {
  CHECKPOINT_TABLE,
  createReadModelTables,
  JOURNAL_TABLES,
  JournalTable,
  deleteCollection,
} from './sqlite-read-model.schema';
import { DocumentWriteBack } from './sqlite-document-write-back';
import type { EventRouting } from '../event-type-routes';
import { DocumentTable, sqliteDocumentTable } from './document-table';
export { PUT_DOCUMENT_SQL } from './document-table';

interface JournalWriter {
  table: JournalTable;
  insert: Database.Statement;
}

/**
 * Writes the read models of the embedded store and keeps one checkpoint row
 * per projection; the caller owns the transaction (see `SqliteReadModels`).
 */
export class SqliteReadModelWriter {
  private readonly journals = new Map<string, JournalWriter>();
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly documents: DocumentTable;

  /** `documents`: where the documents go (default: the file's documents table). */
  constructor(
    private readonly db: Database.Database,
    private readonly projections: readonly Projection[],
    documents?: DocumentTable,
  ) {
    // IMMEDIATE: two processes opening one file do not both create the tables.
    db.transaction(() => {
      createReadModelTables(db);
      this.discardStaleVersions();
    }).immediate();
    this.statements = prepareStatements(db);
    this.documents = documents ?? sqliteDocumentTable(db);
    for (const table of JOURNAL_TABLES) {
      this.journals.set(table.journal, { table, insert: db.prepare(journalInsertSql(table)) });
    }
    for (const p of projections) {
      if (p.kind === 'journal' && !this.journals.has(p.journal)) {
        throw new Error(`projection ${p.name}: no SQLite table for journal ${p.journal}`);
      }
    }
  }

  /**
   * Applies the events each projection has not seen yet. `inline`: in the
   * append transaction, where a projection that is behind is left to `catchUp`.
   * `routing`: ask each projection only about the events of the types it
   * reads (verification's replay; `EventTypeRoutes`).
   */
  apply(events: readonly RecordedEvent[], inline: boolean, routing?: EventRouting): void {
    if (events.length === 0) return;
    const checkpoints = this.checkpoints();
    const documents = new DocumentWriteBack(this.documents);
    const load = (collection: string, id: string) => documents.load(collection, id);
    // One writer for the call, moved from event to event: ~30 projections an
    // event each made one (an object and three closures) for mostly nothing.
    const writer = this.operationWriter(documents);
    // Projections that advanced, by the position they reached: one statement
    // per position instead of one per projection (~30 on every append).
    const advanced = new Map<number, string[]>();
    for (const projection of this.projections) {
      const name = checkpointName(projection);
      const from = checkpoints.get(name) ?? 0;
      if (inline && events[0].position > from + 1) continue; // behind: catchUp's job
      let last = from;
      const types = routing?.routes.typesFor(projection);
      for (let i = 0; i < events.length; i++) {
        const event = events[i];
        if (event.position <= last) continue;
        if (routing && !routing.routes.asks(projection, types, event, routing.probed[i])) {
          last = event.position;
          continue;
        }
        const operations = projectionOperations(projection, event, load);
        if (operations.length > 0) {
          writer.position = event.position;
          writeOperations(operations, writer);
        }
        last = event.position;
      }
      if (last > from) {
        const names = advanced.get(last);
        if (names) names.push(name);
        else advanced.set(last, [name]);
      }
    }
    documents.flush();
    for (const [position, names] of advanced) {
      this.statements.upsertCheckpoints.run(position, JSON.stringify(names));
    }
  }

  /** The lowest checkpoint over every projection: all of them have processed it. */
  checkpoint(): number {
    const positions = this.checkpoints();
    let lowest = Number.MAX_SAFE_INTEGER;
    for (const p of this.projections)
      lowest = Math.min(lowest, positions.get(checkpointName(p)) ?? 0);
    return this.projections.length === 0 ? 0 : lowest;
  }

  /** Writes the operations of the event at `position` (set per event): documents at the end of the call. */
  private operationWriter(documents: DocumentWriteBack): OperationWriter & { position: number } {
    const { journals } = this;
    return {
      position: 0,
      put(op) {
        documents.put(op.collection, op.id, op.doc, this.position);
      },
      delete(op) {
        documents.delete(op.collection, op.id, this.position);
      },
      journal(op, seq) {
        const writer = journals.get(op.journal);
        if (!writer) throw new Error(`no SQLite table for journal ${op.journal}`);
        writer.insert.run(...columnValues(writer.table, op.row as Record<string, unknown>), seq);
      },
    };
  }

  private checkpoints(): Map<string, number> {
    // One JSON text instead of ~30 row objects: read on every append.
    const json = this.statements.checkpoints.get() as string;
    return new Map(Object.entries(JSON.parse(json) as Record<string, number>));
  }

  /**
   * A projection whose version changed writes differently: its old rows go,
   * with the old checkpoint, and `catchUp` replays it from the start.
   */
  private discardStaleVersions(): void {
    const names = (
      this.db.prepare(`SELECT name FROM ${CHECKPOINT_TABLE}`).all() as { name: string }[]
    ).map((r) => r.name);
    for (const p of this.projections) {
      const current = checkpointName(p);
      const stale = names.filter((n) => n !== current && n.startsWith(`${p.name}.v`));
      if (stale.length === 0) continue;
      if (p.kind === 'journal') {
        const table = JOURNAL_TABLES.find((t) => t.journal === p.journal);
        if (table) this.db.prepare(`DELETE FROM ${table.table}`).run();
      } else {
        deleteCollection(this.db, p.collection);
      }
      const remove = this.db.prepare(`DELETE FROM ${CHECKPOINT_TABLE} WHERE name = ?`);
      for (const name of [...stale, current]) remove.run(name);
    }
  }
}

/**
 * The writer's statements, shared with the bench's write floor
 * (bench/reference/read-model-write-floor.ts), which must pay for the same ones.
 * Parameters: the position, then the JSON array of checkpoint names.
 * `WHERE true`: an INSERT … SELECT needs it before ON CONFLICT (SQLite's parser).
 */
export const UPSERT_CHECKPOINTS_SQL =
  `INSERT INTO ${CHECKPOINT_TABLE} (name, position) SELECT value, ? FROM json_each(?) WHERE true ` +
  'ON CONFLICT (name) DO UPDATE SET position = excluded.position';

/** A journal row's insert; parameters: the table's columns in order, then `seq`. */
export function journalInsertSql(table: JournalTable): string {
  const columns = [...table.columns.map((c) => c.column), 'seq'];
  return `INSERT INTO ${table.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
}

function prepareStatements(db: Database.Database) {
  return {
    checkpoints: db
      .prepare(`SELECT json_group_object(name, position) FROM ${CHECKPOINT_TABLE}`)
      .pluck(true),
    upsertCheckpoints: db.prepare(UPSERT_CHECKPOINTS_SQL),
  };
}

/** A row's values in column order; integers are checked, arrays and objects become JSON. */
export function columnValues(table: JournalTable, row: Record<string, unknown>): unknown[] {
  return table.columns.map((c) => {
    const value = row[c.field];
    if (value === undefined || value === null) {
      if (c.nullable) return null;
      throw new TypeError(`${table.table}.${c.column} must not be empty`);
    }
    if (c.json) return JSON.stringify(value);
    if (c.type === 'INTEGER' && !Number.isSafeInteger(value)) {
      throw new TypeError(`${table.table}.${c.column} must be an integer, got ${String(value)}`);
    }
    return value;
  });
}
