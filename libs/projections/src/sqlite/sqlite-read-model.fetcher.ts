import type Database from 'better-sqlite3';
import { IdRange, JournalSelection, ReadModelFetcher } from '../queries/read-model.fetcher';
import {
  DOCUMENTS_TABLE,
  JOURNAL_TABLES,
  JournalTable,
  positionListedCollectionSql,
} from './sqlite-read-model.schema';

/**
 * The limit behind a unary plus, so SQLite plans the statement once, not on
 * every call (a bare parameter as the limit is replanned whenever it is bound;
 * ADR 0020 §77, as the event store's `LIMIT_PARAMETER`).
 */
const LIMIT_PARAMETER = 'LIMIT +?';

/**
 * What the queries read, from the embedded store's tables: the filters go into
 * SQL so that the indexes (`{field}, business_date`) do the selecting.
 */
export class SqliteReadModelFetcher implements ReadModelFetcher {
  /** By SQL text: prepared on first use, once the tables exist. */
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  async document<D extends object>(collection: string, id: string): Promise<D | undefined> {
    const row = this.statement(
      `SELECT doc FROM ${DOCUMENTS_TABLE} WHERE collection = ? AND id = ?`,
    ).get(collection, id) as { doc: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.doc) as D);
  }

  async documentsByPosition<D extends object>(collection: string, limit: number): Promise<D[]> {
    // The collection is in the SQL text, not a parameter: SQLite uses a partial
    // index only where the query's own condition names its collection.
    const rows = this.statement(
      `SELECT doc FROM ${DOCUMENTS_TABLE} WHERE collection = ${positionListedCollectionSql(collection)} ORDER BY position, id ${LIMIT_PARAMETER}`,
    ).all(limit) as { doc: string }[];
    return rows.map((r) => JSON.parse(r.doc) as D);
  }

  async documentIdRange(collection: string, range: IdRange, limit: number): Promise<string[]> {
    // The primary key (collection, id) is the index: a page reads `limit` rows.
    // `+?`: compared bare with a partial index's `collection = '…'`, the
    // parameter would be read while planning and the statement replanned on
    // every call (ADR 0020 §77). A lookup by the whole key never gets there.
    const conditions = ['collection = +?'];
    const params: unknown[] = [collection];
    for (const [bound, op] of [
      ['gt', '>'],
      ['gte', '>='],
      ['lt', '<'],
    ] as const) {
      if (range[bound] === undefined) continue;
      conditions.push(`id ${op} ?`);
      params.push(range[bound]);
    }
    const sql = `SELECT id FROM ${DOCUMENTS_TABLE} WHERE ${conditions.join(' AND ')} ORDER BY id ${LIMIT_PARAMETER}`;
    const rows = this.statement(sql).all(...params, limit) as { id: string }[];
    return rows.map((r) => r.id);
  }

  async documents<D extends object>(
    collection: string,
    ids: readonly string[],
  ): Promise<(D | undefined)[]> {
    const get = this.statement(
      `SELECT doc FROM ${DOCUMENTS_TABLE} WHERE collection = ? AND id = ?`,
    );
    return ids.map((id) => {
      const row = get.get(collection, id) as { doc: string } | undefined;
      return row === undefined ? undefined : (JSON.parse(row.doc) as D);
    });
  }

  async journalRows<R extends object>(
    selection: JournalSelection,
    businessDateTo?: string,
  ): Promise<R[]> {
    const query = this.selectFrom(selection);
    if (businessDateTo !== undefined) {
      query.conditions.push(`${columnOf(query.table, 'businessDate')} <= ?`);
      query.params.push(businessDateTo);
    }
    return this.rows<R>(query, '');
  }

  async journalPage<R extends object>(
    selection: JournalSelection,
    afterPosition: number,
    limit: number,
  ): Promise<R[]> {
    const query = this.selectFrom(selection);
    query.conditions.push(`${columnOf(query.table, 'position')} > ?`);
    query.params.push(afterPosition, limit);
    return this.rows<R>(query, ` ${LIMIT_PARAMETER}`);
  }

  private selectFrom(selection: JournalSelection): JournalQuery {
    const table = JOURNAL_TABLES.find((t) => t.journal === selection.journal);
    if (!table) throw new Error(`no SQLite table for journal ${selection.journal}`);
    const query: JournalQuery = { table, conditions: [], params: [] };
    if (selection.where) {
      query.conditions.push(`${columnOf(table, selection.where.field)} = ?`);
      query.params.push(selection.where.value);
    }
    return query;
  }

  private rows<R>(query: JournalQuery, tail: string): R[] {
    const where = query.conditions.length === 0 ? '' : ` WHERE ${query.conditions.join(' AND ')}`;
    const sql = `SELECT * FROM ${query.table.table}${where} ORDER BY position, seq${tail}`;
    const rows = this.statement(sql).all(...query.params) as Record<string, unknown>[];
    return rows.map((r) => journalRowOf<R>(query.table, r));
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }
}

interface JournalQuery {
  table: JournalTable;
  conditions: string[];
  params: unknown[];
}

function columnOf(table: JournalTable, field: string): string {
  const column = table.columns.find((c) => c.field === field);
  if (!column) throw new Error(`${table.table} has no column for ${field}`);
  return column.column;
}

/** A stored row back as the projection wrote it (no `seq`). */
export function journalRowOf<R>(table: JournalTable, stored: Record<string, unknown>): R {
  const row: Record<string, unknown> = {};
  for (const c of table.columns) {
    const value = stored[c.column];
    row[c.field] = c.json && typeof value === 'string' ? JSON.parse(value) : value;
  }
  return row as R;
}
