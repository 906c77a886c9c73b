import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { READ_MODEL_LIMITS } from '@ledger/projections/ledger-read-models';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class ListClawbackAgeingQuery {
  constructor(
    readonly asOf: string,
    readonly limit: number | undefined,
    readonly after: string | undefined,
    readonly minPosition?: number,
  ) {}
}

/** Finance: every enterprise with clawbacks outstanding as of a date, by age, a page at a time. */
@QueryHandler(ListClawbackAgeingQuery)
export class ListClawbackAgeingQueryHandler implements IQueryHandler<ListClawbackAgeingQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: ListClawbackAgeingQuery): Promise<object> {
    await this.queries.fresh(q.minPosition);
    const limit = q.limit ?? READ_MODEL_LIMITS.pageSizeDefault;
    const enterprises = await this.queries.readModels.clawbackAgeingAll({
      asOf: q.asOf,
      limit,
      afterEnterpriseId: q.after,
    });
    const totals = {
      outstandingFen: 0,
      days0to30Fen: 0,
      days31to90Fen: 0,
      days91to365Fen: 0,
      over365DaysFen: 0,
    };
    for (const e of enterprises) {
      for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] += e[k];
    }
    const last = enterprises[enterprises.length - 1];
    return {
      asOf: q.asOf,
      enterprises,
      pageTotals: totals,
      next: enterprises.length === limit && last ? last.enterpriseId : null,
    };
  }
}
