import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BUDGET_PROGRAMMES, budgetIdOf } from '@ledger/domain';
import { LedgerQueries } from '../../ledger-core/ledger-queries';
import { BudgetItemDto, BudgetListDto } from './budgets.dto';

export class ListBudgetsQuery {
  constructor(
    readonly fiscalYear: number,
    readonly minPosition?: number,
  ) {}
}

/** The year's appropriations, one per programme recorded, with what is committed and paid. */
@QueryHandler(ListBudgetsQuery)
export class ListBudgetsQueryHandler implements IQueryHandler<ListBudgetsQuery, BudgetListDto> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: ListBudgetsQuery): Promise<BudgetListDto> {
    await this.queries.fresh(q.minPosition);
    const views = await Promise.all(
      BUDGET_PROGRAMMES.map((p) => this.queries.readModels.budget(budgetIdOf(p, q.fiscalYear))),
    );
    const items: BudgetItemDto[] = views
      .filter((v) => v?.recorded)
      .map((v) => ({
        budgetId: v!.budgetId,
        programme: v!.programme,
        fiscalYear: v!.fiscalYear,
        appropriatedFen: v!.appropriatedFen,
        committedFen: v!.committedFen,
        paidFen: v!.paidFen,
        earlierYearsReturnedFen: v!.earlierYearsReturnedFen ?? 0,
        availableFen: v!.appropriatedFen - v!.committedFen,
      }));
    return { items };
  }
}
