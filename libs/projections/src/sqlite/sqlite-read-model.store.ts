import {
  assertBusinessDate,
  assertNonNegativeInteger,
  knownAtParameter,
  pageLimit,
} from '../read-model-arguments';
import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import type { InlineProjector } from '@ledger/event-store/sqlite/sqlite-event-store';
import { CASE_TRACE_COLLECTION, CaseTraceView } from '../case-trace.projection';
import {
  ageClawbacks,
  CLAWBACK_ENTRIES_JOURNAL,
  ClawbackAgeing,
  ClawbackAgeingQuery,
  clawbackAgeingPage,
  ClawbackEntry,
  emptyAgeing,
} from '../clawback-ageing.projection';
import { DisbursementView, DISBURSEMENT_COLLECTION } from '../disbursement-view.projection';
import { DuplicateClaimRow, DUPLICATE_CLAIMS_JOURNAL } from '../duplicate-claims.projection';
import { BalanceKind } from '../enterprise-balance.projection';
import {
  ENTERPRISE_RECORD_COLLECTION,
  EnterpriseRecordView,
} from '../enterprise-record.projection';
import {
  FUND_USE_ENTRIES_JOURNAL,
  FundUseEntry,
  FundUseTotals,
  fundUseTotals,
} from '../fund-use.projection';
import {
  BalanceFigures,
  DuplicateClaimsQuery,
  EnterpriseBalance,
  LedgerReadModels,
  PersonCapUsage,
} from '../ledger-read-models';
import { OPEN_PROCESS_COLLECTION, OpenProcessView } from '../open-processes.projection';
import { LEDGER_PROJECTIONS } from '../projections';
import { PUBLICITY_COLLECTION, PublicityView } from '../publicity-view.projection';
import {
  checkpointName,
  documentOperations,
  Projection,
  ReadEventsPage,
  ReadModelOperation,
} from '../read-model';
import {
  SEAT_APPLICATION_COLLECTION,
  SeatApplicationView,
} from '../seat-application-view.projection';
import { EFFECTIVE_SEATS_COLLECTION, EffectiveSeatsView } from '../effective-seats-view.projection';
import {
  INTERNSHIP_APPLICATION_COLLECTION,
  InternshipApplicationView,
} from '../internship-application-view.projection';
import {
  SCHOOL_BALANCE_ENTRIES_JOURNAL,
  SchoolBalance,
  schoolBalanceOf,
  SchoolBalanceEntry,
} from '../school-balance.projection';
import {
  ageSchoolClawbacks,
  emptySchoolAgeing,
  SCHOOL_CLAWBACK_ENTRIES_JOURNAL,
  SchoolClawbackAgeing,
  SchoolClawbackAgeingQuery,
  schoolClawbackAgeingPage,
  SchoolClawbackEntry,
} from '../school-clawback-ageing.projection';
import {
  SITE_APPLICATION_COLLECTION,
  SiteApplicationView,
} from '../site-application-view.projection';
import { SPECIAL_TERMS_COLLECTION, SpecialTermsView } from '../special-terms-view.projection';
import {
  CHECKPOINT_TABLE,
  createReadModelTables,
  DOCUMENTS_TABLE,
  JOURNAL_TABLES,
  JournalTable,
} from './sqlite-read-model.schema';

export const SQLITE_READ_MODEL_LIMITS = {
  /** Events per page when catching up or rebuilding. */
  replayPageSize: 1_000,
} as const;

const FIGURE_OF_KIND: Record<BalanceKind, keyof BalanceFigures> = {
  approved: 'approvedFen',
  disbursed: 'disbursedFen',
  clawbackDue: 'clawbackDueFen',
  recovered: 'recoveredFen',
};

const zeroFigures = (): BalanceFigures => ({
  approvedFen: 0,
  disbursedFen: 0,
  clawbackDueFen: 0,
  recoveredFen: 0,
});

interface JournalWriter {
  table: JournalTable;
  insert: Database.Statement;
}

/**
 * The read models of the embedded backend, in the same SQLite file as the
 * events. As the event store's inline projector it writes them inside the
 * append transaction, with one checkpoint row per projection, so a query
 * right after a command sees it and a crash never leaves them half-written.
 *
 * Idempotent by position: an event at or below a projection's checkpoint
 * changes nothing. In the append transaction a projection applies a batch only
 * when it directly follows its checkpoint (SQLite positions have no gaps);
 * a projection that is behind (new, or reset by a version bump, or written by
 * a process without the projector) is left alone instead of skipping events,
 * and `catchUp` brings it level. Call `catchUp` before attaching it.
 */
export class SqliteReadModels implements InlineProjector, LedgerReadModels {
  private readonly journals = new Map<string, JournalWriter>();
  private readonly statements: ReturnType<typeof prepareStatements>;

  constructor(
    private readonly db: Database.Database,
    private readonly projections: readonly Projection[] = LEDGER_PROJECTIONS,
  ) {
    // IMMEDIATE: two processes opening one file do not both create the tables.
    db.transaction(() => {
      createReadModelTables(db);
      this.discardStaleVersions();
    }).immediate();
    this.statements = prepareStatements(db);
    for (const table of JOURNAL_TABLES) {
      const columns = [...table.columns.map((c) => c.column), 'seq'];
      const insert = db.prepare(
        `INSERT INTO ${table.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      );
      this.journals.set(table.journal, { table, insert });
    }
    for (const p of projections) {
      if (p.kind === 'journal' && !this.journals.has(p.journal)) {
        throw new Error(`projection ${p.name}: no SQLite table for journal ${p.journal}`);
      }
    }
  }

  /** InlineProjector: runs inside the event store's append transaction. */
  applyInTransaction(db: Database.Database, events: RecordedEvent[]): void {
    if (db !== this.db)
      throw new Error('read models must be written on the event store connection');
    if (!db.inTransaction)
      throw new Error('applyInTransaction must run inside the append transaction');
    this.applyUnchecked(events, true);
  }

  /** Applies events in their own transaction (catch-up, rebuild, a projector process). */
  applyEvents(events: readonly RecordedEvent[]): void {
    this.db.transaction(() => this.applyUnchecked(events, false)).immediate();
  }

  /**
   * Replays what the read models have not seen yet, page by page, each page in
   * one transaction, until a read finds nothing new (an append that lands
   * between a read and its apply is in the next page). Returns the checkpoint.
   */
  async catchUp(readAll: ReadEventsPage): Promise<number> {
    const pageSize = SQLITE_READ_MODEL_LIMITS.replayPageSize;
    let after = this.checkpointNow();
    for (;;) {
      const page = await readAll(after, pageSize);
      if (page.length === 0) break;
      this.applyEvents(page);
      after = page[page.length - 1].position;
    }
    return this.checkpointNow();
  }

  async checkpoint(): Promise<number> {
    return this.checkpointNow();
  }

  /** The lowest checkpoint over every projection: all of them have processed it. */
  checkpointNow(): number {
    const positions = this.readCheckpoints();
    let lowest = Number.MAX_SAFE_INTEGER;
    for (const p of this.projections)
      lowest = Math.min(lowest, positions.get(checkpointName(p)) ?? 0);
    return this.projections.length === 0 ? 0 : lowest;
  }

  async enterpriseBalance(
    enterpriseId: string,
    asOf: string,
    asKnownAt?: string,
  ): Promise<EnterpriseBalance> {
    assertBusinessDate('asOf', asOf);
    const rows = this.statements.balance.all({
      enterpriseId,
      asOf,
      asKnownAt: knownAtParameter(asKnownAt),
    }) as { programme: string; kind: BalanceKind; amountFen: number }[];
    const programmes: Record<string, BalanceFigures> = { seat: zeroFigures() };
    const totals = zeroFigures();
    for (const row of rows) {
      const figures = (programmes[row.programme] ??= zeroFigures());
      const figure = FIGURE_OF_KIND[row.kind];
      figures[figure] += row.amountFen;
      totals[figure] += row.amountFen;
    }
    return { programmes, totals };
  }

  async personCap(personKey: string, asOf?: string, asKnownAt?: string): Promise<PersonCapUsage> {
    if (asOf !== undefined) assertBusinessDate('asOf', asOf);
    const rows = this.statements.personCap.all({
      personKey,
      asOf: asOf ?? null,
      asKnownAt: knownAtParameter(asKnownAt),
    }) as { enterpriseId: string; usedFen: number }[];
    const byEnterprise = rows.filter((r) => r.usedFen !== 0);
    const usedFen = byEnterprise.reduce((sum, r) => sum + r.usedFen, 0);
    return { usedFen, byEnterprise };
  }

  async seatApplication(applicationId: string): Promise<SeatApplicationView | undefined> {
    return this.loadDocument<SeatApplicationView>(SEAT_APPLICATION_COLLECTION, applicationId);
  }

  async publicity(publicityId: string): Promise<PublicityView | undefined> {
    return this.loadDocument<PublicityView>(PUBLICITY_COLLECTION, publicityId);
  }

  async disbursement(disbursementId: string): Promise<DisbursementView | undefined> {
    return this.loadDocument<DisbursementView>(DISBURSEMENT_COLLECTION, disbursementId);
  }

  async duplicateClaims(options: DuplicateClaimsQuery = {}): Promise<DuplicateClaimRow[]> {
    const limit = pageLimit(options.limit);
    const afterPosition = options.afterPosition ?? 0;
    assertNonNegativeInteger('afterPosition', afterPosition);
    const rows =
      options.enterpriseId === undefined
        ? this.statements.duplicateClaims.all(afterPosition, limit)
        : this.statements.duplicateClaimsOfEnterprise.all(
            options.enterpriseId,
            afterPosition,
            limit,
          );
    const table = this.journals.get(DUPLICATE_CLAIMS_JOURNAL)!.table;
    return (rows as Record<string, unknown>[]).map((r) =>
      journalRowOf<DuplicateClaimRow>(table, r),
    );
  }

  async openProcesses(limit?: number): Promise<OpenProcessView[]> {
    const rows = this.statements.documentsByPosition.all(OPEN_PROCESS_COLLECTION, pageLimit(limit));
    return (rows as { doc: string }[]).map((r) => JSON.parse(r.doc) as OpenProcessView);
  }

  async caseTrace(caseId: string): Promise<CaseTraceView | undefined> {
    return this.loadDocument<CaseTraceView>(CASE_TRACE_COLLECTION, caseId);
  }

  async enterpriseRecord(enterpriseId: string): Promise<EnterpriseRecordView | undefined> {
    return this.loadDocument<EnterpriseRecordView>(ENTERPRISE_RECORD_COLLECTION, enterpriseId);
  }

  async fundUses(enterpriseId: string, asOf: string): Promise<FundUseTotals> {
    assertBusinessDate('asOf', asOf);
    const rows = this.statements.fundUses.all(enterpriseId, asOf) as Record<string, unknown>[];
    const table = this.journals.get(FUND_USE_ENTRIES_JOURNAL)!.table;
    return fundUseTotals(
      rows.map((r) => journalRowOf<FundUseEntry>(table, r)),
      asOf,
    );
  }

  async clawbackAgeing(enterpriseId: string, asOf: string): Promise<ClawbackAgeing> {
    assertBusinessDate('asOf', asOf);
    const rows = this.clawbackRows(this.statements.clawbacksOfEnterprise.all(enterpriseId, asOf));
    return ageClawbacks(rows, asOf)[0] ?? emptyAgeing(enterpriseId);
  }

  async clawbackAgeingAll(query: ClawbackAgeingQuery): Promise<ClawbackAgeing[]> {
    assertBusinessDate('asOf', query.asOf);
    const limit = pageLimit(query.limit);
    const rows = this.clawbackRows(this.statements.clawbacks.all(query.asOf));
    return clawbackAgeingPage(rows, query, limit);
  }

  async schoolClawbackAgeing(schoolId: string, asOf: string): Promise<SchoolClawbackAgeing> {
    assertBusinessDate('asOf', asOf);
    const rows = this.schoolClawbackRows(this.statements.schoolClawbacksOf.all(schoolId, asOf));
    return ageSchoolClawbacks(rows, asOf)[0] ?? emptySchoolAgeing(schoolId);
  }

  async schoolClawbackAgeingAll(query: SchoolClawbackAgeingQuery): Promise<SchoolClawbackAgeing[]> {
    assertBusinessDate('asOf', query.asOf);
    const rows = this.schoolClawbackRows(this.statements.schoolClawbacks.all(query.asOf));
    return schoolClawbackAgeingPage(rows, query, pageLimit(query.limit));
  }

  // ---- issue #7: the same pure functions as Redis ----

  async schoolBalance(schoolId: string, asOf: string, asKnownAt?: string): Promise<SchoolBalance> {
    assertBusinessDate('asOf', asOf);
    const knownAt = knownAtParameter(asKnownAt) ?? undefined;
    const rows = this.statements.schoolBalance.all(schoolId, asOf) as Record<string, unknown>[];
    const table = this.journals.get(SCHOOL_BALANCE_ENTRIES_JOURNAL)!.table;
    return schoolBalanceOf(
      rows.map((r) => journalRowOf<SchoolBalanceEntry>(table, r)),
      asOf,
      knownAt,
    );
  }

  async siteApplication(siteId: string): Promise<SiteApplicationView | undefined> {
    return this.loadDocument<SiteApplicationView>(SITE_APPLICATION_COLLECTION, siteId);
  }

  async internshipApplication(
    applicationId: string,
  ): Promise<InternshipApplicationView | undefined> {
    return this.loadDocument<InternshipApplicationView>(
      INTERNSHIP_APPLICATION_COLLECTION,
      applicationId,
    );
  }

  async effectiveSeats(enterpriseId: string): Promise<EffectiveSeatsView | undefined> {
    return this.loadDocument<EffectiveSeatsView>(EFFECTIVE_SEATS_COLLECTION, enterpriseId);
  }

  async specialTerms(enterpriseId: string): Promise<SpecialTermsView | undefined> {
    return this.loadDocument<SpecialTermsView>(SPECIAL_TERMS_COLLECTION, enterpriseId);
  }

  private schoolClawbackRows(rows: unknown[]): SchoolClawbackEntry[] {
    const table = this.journals.get(SCHOOL_CLAWBACK_ENTRIES_JOURNAL)!.table;
    return (rows as Record<string, unknown>[]).map((r) =>
      journalRowOf<SchoolClawbackEntry>(table, r),
    );
  }

  private clawbackRows(rows: unknown[]): ClawbackEntry[] {
    const table = this.journals.get(CLAWBACK_ENTRIES_JOURNAL)!.table;
    return (rows as Record<string, unknown>[]).map((r) => journalRowOf<ClawbackEntry>(table, r));
  }

  private applyUnchecked(events: readonly RecordedEvent[], inline: boolean): void {
    if (events.length === 0) return;
    const checkpoints = this.readCheckpoints();
    for (const projection of this.projections) {
      const name = checkpointName(projection);
      const from = checkpoints.get(name) ?? 0;
      if (inline && events[0].position > from + 1) continue; // behind: catchUp's job
      let last = from;
      for (const event of events) {
        if (event.position <= last) continue;
        this.applyOperations(this.operationsOf(projection, event), event.position);
        last = event.position;
      }
      if (last > from) this.statements.upsertCheckpoint.run(name, last);
    }
  }

  private operationsOf(projection: Projection, event: RecordedEvent): ReadModelOperation[] {
    if (projection.kind === 'journal') return projection.project(event);
    return documentOperations(projection, event, (id) =>
      this.loadDocument(projection.collection, id),
    );
  }

  private applyOperations(operations: readonly ReadModelOperation[], position: number): void {
    const seqByJournal = new Map<string, number>();
    for (const op of operations) {
      switch (op.kind) {
        case 'put':
          this.statements.putDocument.run(op.collection, op.id, JSON.stringify(op.doc), position);
          break;
        case 'delete':
          this.statements.deleteDocument.run(op.collection, op.id);
          break;
        case 'journal': {
          const writer = this.journals.get(op.journal);
          if (!writer) throw new Error(`no SQLite table for journal ${op.journal}`);
          const seq = seqByJournal.get(op.journal) ?? 0;
          seqByJournal.set(op.journal, seq + 1);
          writer.insert.run(...columnValues(writer.table, op.row as Record<string, unknown>), seq);
          break;
        }
        default: {
          const never: never = op;
          throw new Error(`unknown read-model operation ${JSON.stringify(never)}`);
        }
      }
    }
  }

  private loadDocument<D extends object>(collection: string, id: string): D | undefined {
    const row = this.statements.getDocument.get(collection, id) as { doc: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.doc) as D);
  }

  private readCheckpoints(): Map<string, number> {
    const rows = this.statements.checkpoints.all() as { name: string; position: number }[];
    return new Map(rows.map((r) => [r.name, r.position]));
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
        this.db.prepare(`DELETE FROM ${DOCUMENTS_TABLE} WHERE collection = ?`).run(p.collection);
      }
      const remove = this.db.prepare(`DELETE FROM ${CHECKPOINT_TABLE} WHERE name = ?`);
      for (const name of [...stale, current]) remove.run(name);
    }
  }
}

function prepareStatements(db: Database.Database) {
  return {
    checkpoints: db.prepare(`SELECT name, position FROM ${CHECKPOINT_TABLE}`),
    upsertCheckpoint: db.prepare(
      `INSERT INTO ${CHECKPOINT_TABLE} (name, position) VALUES (?, ?) ` +
        'ON CONFLICT (name) DO UPDATE SET position = excluded.position',
    ),
    getDocument: db.prepare(`SELECT doc FROM ${DOCUMENTS_TABLE} WHERE collection = ? AND id = ?`),
    putDocument: db.prepare(
      `INSERT INTO ${DOCUMENTS_TABLE} (collection, id, doc, position) VALUES (?, ?, ?, ?) ` +
        'ON CONFLICT (collection, id) DO UPDATE SET doc = excluded.doc, position = excluded.position',
    ),
    deleteDocument: db.prepare(`DELETE FROM ${DOCUMENTS_TABLE} WHERE collection = ? AND id = ?`),
    documentsByPosition: db.prepare(
      `SELECT doc FROM ${DOCUMENTS_TABLE} WHERE collection = ? ORDER BY position, id LIMIT ?`,
    ),
    balance: db.prepare(
      'SELECT programme, kind, SUM(amount_fen) AS amountFen FROM balance_entries ' +
        'WHERE enterprise_id = @enterpriseId AND business_date <= @asOf ' +
        'AND (@asKnownAt IS NULL OR recorded_at <= @asKnownAt) GROUP BY programme, kind',
    ),
    personCap: db.prepare(
      'SELECT enterprise_id AS enterpriseId, SUM(amount_fen) AS usedFen FROM person_cap_entries ' +
        'WHERE person_key = @personKey AND (@asOf IS NULL OR business_date <= @asOf) ' +
        'AND (@asKnownAt IS NULL OR recorded_at <= @asKnownAt) ' +
        'GROUP BY enterprise_id ORDER BY enterprise_id',
    ),
    duplicateClaims: db.prepare(
      'SELECT * FROM duplicate_claims WHERE position > ? ORDER BY position, seq LIMIT ?',
    ),
    fundUses: db.prepare(
      'SELECT * FROM fund_use_entries WHERE enterprise_id = ? AND business_date <= ? ' +
        'ORDER BY position, seq',
    ),
    clawbacksOfEnterprise: db.prepare(
      'SELECT * FROM clawback_entries WHERE enterprise_id = ? AND business_date <= ? ' +
        'ORDER BY position, seq',
    ),
    clawbacks: db.prepare(
      'SELECT * FROM clawback_entries WHERE business_date <= ? ORDER BY position, seq',
    ),
    schoolBalance: db.prepare(
      'SELECT * FROM school_balance_entries WHERE school_id = ? AND business_date <= ? ' +
        'ORDER BY position, seq',
    ),
    schoolClawbacksOf: db.prepare(
      'SELECT * FROM school_clawback_entries WHERE school_id = ? AND business_date <= ? ' +
        'ORDER BY position, seq',
    ),
    schoolClawbacks: db.prepare(
      'SELECT * FROM school_clawback_entries WHERE business_date <= ? ORDER BY position, seq',
    ),
    duplicateClaimsOfEnterprise: db.prepare(
      'SELECT * FROM duplicate_claims WHERE enterprise_id = ? AND position > ? ' +
        'ORDER BY position, seq LIMIT ?',
    ),
  };
}

/** A row's values in column order; integers are checked, arrays and objects become JSON. */
function columnValues(table: JournalTable, row: Record<string, unknown>): unknown[] {
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

/** A stored row back as the projection wrote it (no `seq`). */
export function journalRowOf<R>(table: JournalTable, stored: Record<string, unknown>): R {
  const row: Record<string, unknown> = {};
  for (const c of table.columns) {
    const value = stored[c.column];
    row[c.field] = c.json && typeof value === 'string' ? JSON.parse(value) : value;
  }
  return row as R;
}
