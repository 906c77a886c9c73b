import type Database from 'better-sqlite3';
import { BALANCE_ENTRIES_JOURNAL, BALANCE_KINDS } from '../enterprise-balance.projection';
import { CLAWBACK_ENTRIES_JOURNAL } from '../clawback-ageing.projection';
import { FUND_USE_ENTRIES_JOURNAL } from '../fund-use.projection';
import { DUPLICATE_CLAIMS_JOURNAL } from '../duplicate-claims.projection';
import { PERSON_CAP_ENTRIES_JOURNAL } from '../person-cap.projection';
import { SCHOOL_BALANCE_ENTRIES_JOURNAL } from '../school-balance.projection';
import { OPEN_PROCESS_COLLECTION } from '../open-processes.projection';
import { SCHOOL_CLAWBACK_ENTRIES_JOURNAL } from '../school-clawback-ageing.projection';
import { AUDIT_EVENT_INDEX_JOURNAL } from '../work-lists/audit-event-index.projection';

/** How one field of a journal row is stored. */
export interface JournalColumn {
  field: string;
  column: string;
  type: 'TEXT' | 'INTEGER';
  nullable?: boolean;
  /** Arrays and objects are stored as JSON text. */
  json?: boolean;
}

export interface JournalTable {
  journal: string;
  table: string;
  columns: readonly JournalColumn[];
  indexes: readonly { name: string; columns: string }[];
  checks?: readonly string[];
}

export const DOCUMENTS_TABLE = 'read_model_documents';
export const CHECKPOINT_TABLE = 'projection_checkpoint';

const text = (
  field: string,
  column: string,
  extra: Partial<JournalColumn> = {},
): JournalColumn => ({
  field,
  column,
  type: 'TEXT',
  ...extra,
});
const integer = (field: string, column: string): JournalColumn => ({
  field,
  column,
  type: 'INTEGER',
});

/**
 * Every journal row also gets `seq`, its index among the rows one event wrote
 * to that journal: (position, seq) is the row's identity, so a bug that applied
 * an event twice fails loudly instead of counting money twice.
 */
export const JOURNAL_TABLES: readonly JournalTable[] = [
  {
    journal: BALANCE_ENTRIES_JOURNAL,
    table: 'balance_entries',
    columns: [
      text('enterpriseId', 'enterprise_id'),
      text('programme', 'programme'),
      text('kind', 'kind'),
      integer('amountFen', 'amount_fen'),
      text('businessDate', 'business_date'),
      text('recordedAt', 'recorded_at'),
      integer('position', 'position'),
      text('trancheId', 'tranche_id', { nullable: true }),
      text('sourceEventType', 'source_event_type'),
    ],
    checks: [`kind IN (${BALANCE_KINDS.map((k) => `'${k}'`).join(', ')})`],
    indexes: [{ name: 'balance_entries_enterprise', columns: 'enterprise_id, business_date' }],
  },
  {
    journal: PERSON_CAP_ENTRIES_JOURNAL,
    table: 'person_cap_entries',
    columns: [
      text('personKey', 'person_key'),
      text('enterpriseId', 'enterprise_id'),
      text('reservationId', 'reservation_id'),
      integer('amountFen', 'amount_fen'),
      text('businessDate', 'business_date'),
      text('recordedAt', 'recorded_at'),
      integer('position', 'position'),
    ],
    indexes: [{ name: 'person_cap_entries_person', columns: 'person_key, business_date' }],
  },
  {
    journal: DUPLICATE_CLAIMS_JOURNAL,
    table: 'duplicate_claims',
    columns: [
      text('personKey', 'person_key'),
      text('personIdMasked', 'person_id_masked'),
      text('claimId', 'claim_id'),
      text('applicationId', 'application_id'),
      text('enterpriseId', 'enterprise_id'),
      text('months', 'months', { json: true }),
      text('conflictsWith', 'conflicts_with', { json: true }),
      text('businessDate', 'business_date'),
      integer('position', 'position'),
    ],
    indexes: [{ name: 'duplicate_claims_enterprise', columns: 'enterprise_id, position' }],
  },
  {
    journal: CLAWBACK_ENTRIES_JOURNAL,
    table: 'clawback_entries',
    columns: [
      text('enterpriseId', 'enterprise_id'),
      text('caseId', 'case_id'),
      text('clawbackId', 'clawback_id'),
      text('claimId', 'claim_id'),
      text('kind', 'kind'),
      integer('amountFen', 'amount_fen'),
      text('dueSince', 'due_since', { nullable: true }),
      text('businessDate', 'business_date'),
      text('recordedAt', 'recorded_at'),
      integer('position', 'position'),
    ],
    checks: [`kind IN ('due', 'recovered')`],
    indexes: [{ name: 'clawback_entries_enterprise', columns: 'enterprise_id, business_date' }],
  },
  {
    journal: FUND_USE_ENTRIES_JOURNAL,
    table: 'fund_use_entries',
    columns: [
      text('enterpriseId', 'enterprise_id'),
      text('reportId', 'report_id'),
      integer('educationFen', 'education_fen'),
      integer('otherFen', 'other_fen'),
      text('businessDate', 'business_date'),
      text('recordedAt', 'recorded_at'),
      integer('position', 'position'),
    ],
    indexes: [{ name: 'fund_use_entries_enterprise', columns: 'enterprise_id, business_date' }],
  },
  {
    // R-INT (issue #7): a school's internship rewards approved and paid.
    journal: SCHOOL_BALANCE_ENTRIES_JOURNAL,
    table: 'school_balance_entries',
    columns: [
      text('schoolId', 'school_id'),
      text('programme', 'programme'),
      text('kind', 'kind'),
      integer('amountFen', 'amount_fen'),
      text('businessDate', 'business_date'),
      text('recordedAt', 'recorded_at'),
      integer('position', 'position'),
      text('trancheId', 'tranche_id', { nullable: true }),
      text('sourceEventType', 'source_event_type'),
    ],
    checks: [`kind IN (${BALANCE_KINDS.map((k) => `'${k}'`).join(', ')})`],
    indexes: [{ name: 'school_balance_entries_school', columns: 'school_id, business_date' }],
  },
  {
    // R-FRAUD (amended): a school's clawbacks, for its ageing.
    journal: SCHOOL_CLAWBACK_ENTRIES_JOURNAL,
    table: 'school_clawback_entries',
    columns: [
      text('schoolId', 'school_id'),
      text('caseId', 'case_id'),
      text('clawbackId', 'clawback_id'),
      text('claimId', 'claim_id'),
      text('kind', 'kind'),
      integer('amountFen', 'amount_fen'),
      text('dueSince', 'due_since', { nullable: true }),
      text('businessDate', 'business_date'),
      text('recordedAt', 'recorded_at'),
      integer('position', 'position'),
    ],
    checks: [`kind IN ('due', 'recovered')`],
    indexes: [{ name: 'school_clawback_entries_school', columns: 'school_id, business_date' }],
  },
  {
    // Issue #13 (ADR 0017): the audit log's filters, one row per event.
    journal: AUDIT_EVENT_INDEX_JOURNAL,
    table: 'audit_event_index',
    columns: [
      text('stream', 'stream'),
      text('type', 'type'),
      text('enterpriseId', 'enterprise_id', { nullable: true }),
      text('recordedAt', 'recorded_at'),
      integer('position', 'position'),
    ],
    // No index by stream: a page filtered by stream reads the stream (ADR 0020 §71).
    indexes: [
      { name: 'audit_event_index_type', columns: 'type, position' },
      { name: 'audit_event_index_enterprise', columns: 'enterprise_id, position' },
    ],
  },
];

/** Every read-model table, in the order a dump lists them. */
export const READ_MODEL_TABLES: readonly string[] = [
  CHECKPOINT_TABLE,
  DOCUMENTS_TABLE,
  ...JOURNAL_TABLES.map((t) => t.table),
];

function journalTableSql(t: JournalTable): string {
  const columns = t.columns.map((c) => `  ${c.column} ${c.type}${c.nullable ? '' : ' NOT NULL'}`);
  const checks = (t.checks ?? []).map((c) => `  CHECK (${c})`);
  return [
    `CREATE TABLE IF NOT EXISTS ${t.table} (`,
    [...columns, '  seq INTEGER NOT NULL', ...checks, '  PRIMARY KEY (position, seq)'].join(',\n'),
    ') STRICT;',
  ].join('\n');
}

/**
 * The collections a query lists by the position of each document's last write
 * (`documentsByPosition`). Only their documents are indexed by position: an
 * index over every collection moved an entry on each document write, about a
 * sixth of the pages a command wrote (ADR 0020 §71).
 */
export const POSITION_LISTED_COLLECTIONS: readonly string[] = [OPEN_PROCESS_COLLECTION];

/** A collection name as it is written into SQL text (a library constant, checked anyway). */
export function positionListedCollectionSql(collection: string): string {
  if (!POSITION_LISTED_COLLECTIONS.includes(collection) || !/^[a-z0-9_~-]+$/.test(collection)) {
    throw new Error(`${collection} is not a collection listed by position`);
  }
  return `'${collection}'`;
}

export interface ReadModelIndex {
  name: string;
  table: string;
  columns: string;
  /** A partial index: only the rows this condition holds for. */
  where?: string;
}

/**
 * The read models' secondary indexes: what the queries look rows up by. A
 * full rebuild drops them while it replays and builds each once at the end
 * (`dropReadModelIndexes`, `createReadModelIndexes`): kept up row by row, their
 * random keys made a rebuild of 1M events write most of its pages twice
 * (ADR 0020 §64).
 */
export const READ_MODEL_INDEXES: readonly ReadModelIndex[] = [
  ...POSITION_LISTED_COLLECTIONS.map((collection) => ({
    name: `${DOCUMENTS_TABLE}_${collection}_position`,
    table: DOCUMENTS_TABLE,
    columns: 'collection, position, id',
    where: `collection = ${positionListedCollectionSql(collection)}`,
  })),
  ...JOURNAL_TABLES.flatMap((t) => t.indexes.map((i) => ({ ...i, table: t.table }))),
];

/**
 * Indexes an older file may still have: dropped wherever the indexes are made
 * or dropped (ADR 0020 §71). `read_model_documents_position` indexed every
 * document by position; `audit_event_index_stream` every event by stream,
 * which the store's own stream index answers.
 */
const RETIRED_READ_MODEL_INDEXES: readonly string[] = [
  `${DOCUMENTS_TABLE}_position`,
  'audit_event_index_stream',
];

const indexSql = (i: ReadModelIndex) =>
  `CREATE INDEX IF NOT EXISTS ${i.name} ON ${i.table} (${i.columns})${i.where === undefined ? '' : ` WHERE ${i.where}`};`;

const dropRetiredIndexesSql = () =>
  RETIRED_READ_MODEL_INDEXES.map((name) => `DROP INDEX IF EXISTS ${name};`);

/**
 * STRICT tables: SQLite refuses a REAL in an INTEGER column, so a fractional
 * fen can never be stored and every SUM stays an integer.
 * `position` of a document is the event that last wrote it.
 */
export function readModelSchemaSql(): string {
  return [
    `CREATE TABLE IF NOT EXISTS ${CHECKPOINT_TABLE} (
  name TEXT PRIMARY KEY,
  position INTEGER NOT NULL
) STRICT, WITHOUT ROWID;`,
    `CREATE TABLE IF NOT EXISTS ${DOCUMENTS_TABLE} (
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  doc TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (collection, id)
) STRICT, WITHOUT ROWID;`,
    ...JOURNAL_TABLES.map(journalTableSql),
    ...dropRetiredIndexesSql(),
    ...READ_MODEL_INDEXES.map(indexSql),
  ].join('\n');
}

export function createReadModelTables(db: Database.Database): void {
  db.exec(readModelSchemaSql());
}

export function dropReadModelIndexes(db: Database.Database): void {
  for (const i of READ_MODEL_INDEXES) db.exec(`DROP INDEX IF EXISTS ${i.name};`);
  for (const sql of dropRetiredIndexesSql()) db.exec(sql);
}

/**
 * Builds the indexes a rebuild dropped, each in a transaction of its own: a
 * live writer on the file waits for one index at a time (~1 s at 1M events),
 * not for all of them.
 */
export function createReadModelIndexes(db: Database.Database): void {
  for (const i of READ_MODEL_INDEXES) db.transaction(() => db.exec(indexSql(i))).immediate();
}

export function dropReadModelTables(db: Database.Database): void {
  for (const table of READ_MODEL_TABLES) db.exec(`DROP TABLE IF EXISTS ${table};`);
}

/** A collection's documents and its work-list index collections (`{collection}~{term}`, ADR 0017). */
export function deleteCollection(db: Database.Database, collection: string): void {
  db.prepare(
    `DELETE FROM ${DOCUMENTS_TABLE} WHERE collection = +? OR (collection >= ? AND collection < ?)`,
  ).run(collection, `${collection}~`, `${collection}\u007f`);
}
