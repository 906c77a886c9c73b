import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { READ_MODEL_LIMITS } from '@ledger/projections/ledger-read-models';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class ListClawbackAgeingQuery {
  constructor(
    readonly asOf: string,
    readonly limit: number | undefined,
    readonly after: string | undefined,
    readonly minPosition?: number,
    /** R-FRAUD: enterprises (default) or schools. */
    readonly party: 'enterprise' | 'school' = 'enterprise',
  ) {}
}

/**
 * Finance: every enterprise (or, with `party=school`, every school) with
 * clawbacks outstanding as of a date, by age, a page at a time.
 */
@QueryHandler(ListClawbackAgeingQuery)
export class ListClawbackAgeingQueryHandler implements IQueryHandler<ListClawbackAgeingQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: ListClawbackAgeingQuery): Promise<object> {
    await this.queries.fresh(q.minPosition);
    const limit = q.limit ?? READ_MODEL_LIMITS.pageSizeDefault;
    if (q.party === 'school') return this.schools(q, limit);
    const enterprises = await this.queries.readModels.clawbackAgeingAll({
      asOf: q.asOf,
      limit,
      afterEnterpriseId: q.after,
    });
    const last = enterprises[enterprises.length - 1];
    return {
      asOf: q.asOf,
      enterprises,
      pageTotals: pageTotalsOf(enterprises),
      next: enterprises.length === limit && last ? last.enterpriseId : null,
    };
  }

  private async schools(q: ListClawbackAgeingQuery, limit: number): Promise<object> {
    const schools = await this.queries.readModels.schoolClawbackAgeingAll({
      asOf: q.asOf,
      limit,
      afterSchoolId: q.after,
    });
    const last = schools[schools.length - 1];
    return {
      asOf: q.asOf,
      schools,
      pageTotals: pageTotalsOf(schools),
      next: schools.length === limit && last ? last.schoolId : null,
    };
  }
}

type AgeingFigures = Record<
  'outstandingFen' | 'days0to30Fen' | 'days31to90Fen' | 'days91to365Fen' | 'over365DaysFen',
  number
>;

function pageTotalsOf(rows: readonly AgeingFigures[]): AgeingFigures {
  const totals: AgeingFigures = {
    outstandingFen: 0,
    days0to30Fen: 0,
    days31to90Fen: 0,
    days91to365Fen: 0,
    over365DaysFen: 0,
  };
  for (const r of rows) {
    for (const k of Object.keys(totals) as (keyof AgeingFigures)[]) totals[k] += r[k];
  }
  return totals;
}
