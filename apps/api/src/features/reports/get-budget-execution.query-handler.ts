import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BUDGET_PROGRAMMES, budgetIdOf } from '@ledger/domain';
import { LedgerQueries } from '../../ledger-core/ledger-queries';
import { BudgetExecutionDto } from './reports.dto';

export class GetBudgetExecutionQuery {
  constructor(
    readonly fiscalYear: number,
    readonly minPosition?: number,
  ) {}
}

/** Rounded down, in integers: a rate never overstates execution. */
const basisPoints = (paidFen: number, appropriatedFen: number): number | null =>
  appropriatedFen > 0 ? Number((BigInt(paidFen) * 10_000n) / BigInt(appropriatedFen)) : null;

/** 预算执行: per programme and month, appropriated, committed, paid and the execution rate. */
@QueryHandler(GetBudgetExecutionQuery)
export class GetBudgetExecutionQueryHandler implements IQueryHandler<
  GetBudgetExecutionQuery,
  BudgetExecutionDto
> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: GetBudgetExecutionQuery): Promise<BudgetExecutionDto> {
    await this.queries.fresh(q.minPosition);
    const views = await Promise.all(
      BUDGET_PROGRAMMES.map((p) => this.queries.readModels.budget(budgetIdOf(p, q.fiscalYear))),
    );
    const programmes = views.flatMap((v) =>
      v
        ? [
            {
              programme: v.programme,
              appropriatedFen: v.appropriatedFen,
              committedFen: v.committedFen,
              paidFen: v.paidFen,
              earlierYearsReturnedFen: v.earlierYearsReturnedFen ?? 0,
              executionRateBasisPoints: basisPoints(v.paidFen, v.appropriatedFen),
              months: Object.keys(v.months)
                .sort()
                .map((mm) => ({
                  month: `${q.fiscalYear}-${mm}`,
                  committedFen: v.months[mm].committedFen,
                  paidFen: v.months[mm].paidFen,
                })),
            },
          ]
        : [],
    );
    return { fiscalYear: q.fiscalYear, programmes };
  }
}
