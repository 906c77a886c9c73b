/**
 * Where the Redis read models keep what (every key starts with the prefix,
 * `ledger:` by default):
 *
 * | key                                       | type       | holds                                                        |
 * | ----------------------------------------- | ---------- | ------------------------------------------------------------ |
 * | `{p}checkpoint`                           | string     | the one global checkpoint: the last position applied         |
 * | `{p}projections`                          | string     | `name.vN` of every projection that wrote here, sorted, `,`   |
 * | `{p}rebuilding`                           | string     | a rebuild's token while it runs: other writers are refused   |
 * | `{p}doc:{collection}:{id}`                | string     | one document, as JSON                                        |
 * | `{p}docs:{collection}`                    | sorted set | member id, score the position of the event that last wrote it |
 * | `{p}lex:{collection}~{term}`              | sorted set | a work list's entries (ADR 0017): member the entry id, score 0 |
 * | `{p}rows:{journal}`                       | sorted set | every row of a journal kept whole (duplicate_claims)         |
 * | `{p}rows:{journal}:{field}:{value}`       | sorted set | the rows of one enterprise / person / school (balance, cap, claims) |
 *
 * A journal row is a sorted-set member `{position}|{seq:6 digits}|{row JSON}`
 * scored by its position: (position, seq) is its identity as in SQLite (seq is
 * its index among the rows one event wrote to that journal), so adding a row
 * twice is a no-op even without the checkpoint, and members of one position
 * sort by seq. The JSON is the row normalised to the journal's columns (those
 * of `JOURNAL_TABLES`, shared with the SQLite schema): every column present, a
 * missing nullable one as `null`, integers checked as in SQLite.
 *
 * Collection and journal names must not contain `:`; ids and field values may.
 * For Redis Cluster give a prefix with a hash tag (`{ledger}:`): the scripts
 * only touch keys passed in KEYS, so every key then lives in one slot.
 */
import { BALANCE_ENTRIES_JOURNAL, BALANCE_KINDS } from '../enterprise-balance.projection';
import { CLAWBACK_ENTRIES_JOURNAL } from '../clawback-ageing.projection';
import { FUND_USE_ENTRIES_JOURNAL } from '../fund-use.projection';
import { DUPLICATE_CLAIMS_JOURNAL } from '../duplicate-claims.projection';
import { PERSON_CAP_ENTRIES_JOURNAL } from '../person-cap.projection';
import { SCHOOL_BALANCE_ENTRIES_JOURNAL } from '../school-balance.projection';
import { SCHOOL_CLAWBACK_ENTRIES_JOURNAL } from '../school-clawback-ageing.projection';
import { AUDIT_EVENT_INDEX_JOURNAL } from '../work-lists/audit-event-index.projection';
import { compareBinary } from '../queries/compare-binary';
import { checkpointName, Projection } from '../read-model';
import { JOURNAL_TABLES, JournalTable } from '../sqlite/sqlite-read-model.schema';

export const REDIS_DEFAULT_KEY_PREFIX = 'ledger:';

/**
 * The sorted sets each row of a journal goes to. `null`: one set for the whole
 * journal; a field name: one set per value of that field (its rows are what
 * one query reads). The first index holds every row exactly once: the dump
 * reads the journal through it.
 */
export interface RedisJournalLayout {
  journal: string;
  indexes: readonly (string | null)[];
}

export const REDIS_JOURNAL_LAYOUTS: readonly RedisJournalLayout[] = [
  // A balance reads one enterprise's rows; a cap one person's.
  { journal: BALANCE_ENTRIES_JOURNAL, indexes: ['enterpriseId'] },
  { journal: PERSON_CAP_ENTRIES_JOURNAL, indexes: ['personKey'] },
  // Pages over all duplicate claims, or over one enterprise's.
  { journal: DUPLICATE_CLAIMS_JOURNAL, indexes: [null, 'enterpriseId'] },
  // R-FRAUD ageing (issue #5): one enterprise's clawbacks, or all of them for finance's list.
  { journal: CLAWBACK_ENTRIES_JOURNAL, indexes: [null, 'enterpriseId'] },
  // R-SEAT-7 (issue #5): one enterprise's reports of its use of funds.
  { journal: FUND_USE_ENTRIES_JOURNAL, indexes: ['enterpriseId'] },
  // R-INT (issue #7): one school's balance.
  { journal: SCHOOL_BALANCE_ENTRIES_JOURNAL, indexes: ['schoolId'] },
  // R-FRAUD (amended): one school's clawbacks, or all of them for finance's list.
  { journal: SCHOOL_CLAWBACK_ENTRIES_JOURNAL, indexes: [null, 'schoolId'] },
  // Issue #13 (ADR 0017): the audit log by type or enterprise; by stream it reads
  // the stream itself (ADR 0020 §71). Every event has a type: the first set holds every row.
  { journal: AUDIT_EVENT_INDEX_JOURNAL, indexes: ['type', 'enterpriseId'] },
];

/** Extra checks a row must pass, as the SQLite table's CHECK constraints. */
const ROW_CHECKS: Readonly<Record<string, (row: Record<string, unknown>) => string | undefined>> = {
  [BALANCE_ENTRIES_JOURNAL]: (row) =>
    (BALANCE_KINDS as readonly unknown[]).includes(row['kind'])
      ? undefined
      : `balance_entries.kind must be one of ${BALANCE_KINDS.join(', ')}, got ${String(row['kind'])}`,
  [SCHOOL_BALANCE_ENTRIES_JOURNAL]: (row) =>
    (BALANCE_KINDS as readonly unknown[]).includes(row['kind'])
      ? undefined
      : `school_balance_entries.kind must be one of ${BALANCE_KINDS.join(', ')}, got ${String(row['kind'])}`,
  [CLAWBACK_ENTRIES_JOURNAL]: (row) =>
    row['kind'] === 'due' || row['kind'] === 'recovered'
      ? undefined
      : `clawback_entries.kind must be due or recovered, got ${String(row['kind'])}`,
  [SCHOOL_CLAWBACK_ENTRIES_JOURNAL]: (row) =>
    row['kind'] === 'due' || row['kind'] === 'recovered'
      ? undefined
      : `school_clawback_entries.kind must be due or recovered, got ${String(row['kind'])}`,
};

const NAME = /^[A-Za-z0-9_.-]+$/;

export function assertKeyName(what: string, name: string): void {
  if (!NAME.test(name)) throw new Error(`${what} ${JSON.stringify(name)}: use [A-Za-z0-9_.-] only`);
}

export function assertKeyPrefix(prefix: string): void {
  // An empty prefix would make a rebuild delete the whole database.
  if (prefix.length === 0) throw new Error('the Redis read models need a non-empty key prefix');
}

export class RedisKeys {
  readonly checkpoint: string;
  readonly projections: string;
  readonly fence: string;

  constructor(readonly prefix: string) {
    assertKeyPrefix(prefix);
    this.checkpoint = `${prefix}checkpoint`;
    this.projections = `${prefix}projections`;
    this.fence = `${prefix}rebuilding`;
  }

  doc(collection: string, id: string): string {
    return `${this.prefix}doc:${collection}:${id}`;
  }

  docIndex(collection: string): string {
    return `${this.prefix}docs:${collection}`;
  }

  /** A work-list index collection's ids in byte order (all scores 0, ZRANGEBYLEX; ADR 0017). */
  lex(collection: string): string {
    return `${this.prefix}lex:${collection}`;
  }

  rows(journal: string, field: string | null, value?: string): string {
    return field === null
      ? `${this.prefix}rows:${journal}`
      : `${this.prefix}rows:${journal}:${field}:${value ?? ''}`;
  }

  /** A SCAN MATCH pattern for every key under the prefix. */
  everything(): string {
    return `${this.prefix.replace(/[*?[\]\\]/g, (c) => `\\${c}`)}*`;
  }
}

/** A journal's columns (shared with SQLite) and where its rows go in Redis. */
export interface RedisJournal {
  table: JournalTable;
  layout: RedisJournalLayout;
}

export function redisJournal(journal: string): RedisJournal | undefined {
  const table = JOURNAL_TABLES.find((t) => t.journal === journal);
  const layout = REDIS_JOURNAL_LAYOUTS.find((l) => l.journal === journal);
  if (!table || !layout) return undefined;
  return { table, layout };
}

const SEQ_DIGITS = 6;

/**
 * The row as the SQLite store would keep it, as a field → value object: every
 * column, `null` for a missing nullable one; integers must be safe integers and
 * text must be a string (SQLite would coerce a number, we refuse it).
 */
export function normaliseJournalRow(
  table: JournalTable,
  row: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of table.columns) {
    const value = row[c.field];
    if (value === undefined || value === null) {
      if (c.nullable) {
        out[c.field] = null;
        continue;
      }
      throw new TypeError(`${table.table}.${c.column} must not be empty`);
    }
    if (!c.json) {
      if (c.type === 'INTEGER' && !Number.isSafeInteger(value)) {
        throw new TypeError(`${table.table}.${c.column} must be an integer, got ${String(value)}`);
      }
      if (c.type === 'TEXT' && typeof value !== 'string') {
        throw new TypeError(`${table.table}.${c.column} must be text, got ${typeof value}`);
      }
    }
    out[c.field] = value;
  }
  const problem = ROW_CHECKS[table.journal]?.(out);
  if (problem) throw new TypeError(problem);
  return out;
}

export function encodeRowMember(position: number, seq: number, row: object): string {
  if (!Number.isSafeInteger(seq) || seq < 0 || seq >= 10 ** SEQ_DIGITS) {
    throw new RangeError(`too many rows for one event in one journal: ${seq}`);
  }
  return `${position}|${String(seq).padStart(SEQ_DIGITS, '0')}|${JSON.stringify(row)}`;
}

export interface DecodedRow<R = Record<string, unknown>> {
  position: number;
  seq: number;
  row: R;
}

export function decodeRowMember<R = Record<string, unknown>>(member: string): DecodedRow<R> {
  const first = member.indexOf('|');
  const second = member.indexOf('|', first + 1);
  if (first < 0 || second < 0) throw new Error(`not a read-model row: ${member.slice(0, 80)}`);
  return {
    position: Number(member.slice(0, first)),
    seq: Number(member.slice(first + 1, second)),
    row: JSON.parse(member.slice(second + 1)) as R,
  };
}

/** A row in the shape `dumpSqliteReadModels` gives: columns by name, JSON as text, then seq. */
export function sqliteShapedRow(
  table: JournalTable,
  row: Record<string, unknown>,
  seq: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of table.columns) {
    const value = row[c.field] ?? null;
    out[c.column] = c.json && value !== null ? JSON.stringify(value) : value;
  }
  out['seq'] = seq;
  return out;
}

/** The value of `{p}checkpoint`: 0 when absent. */
export function parseCheckpoint(value: string | null): number {
  if (value === null) return 0;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`bad read-model checkpoint ${value}`);
  return n;
}

/** The value of `{p}projections`, which every writer must agree on: each `name.vN`, sorted. */
export function projectionsSignature(projections: readonly Projection[]): string {
  return projections.map(checkpointName).sort(compareBinary).join(',');
}
