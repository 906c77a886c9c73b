import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { LedgerQueries } from '../../ledger-core/ledger-queries';
import { RemittancesDto } from './remittances.dto';

export class ListRemittancesQuery {
  constructor(
    readonly fiscalYear: number,
    readonly minPosition?: number,
  ) {}
}

/** The year's recoveries, what was remitted of them and what is not yet. */
@QueryHandler(ListRemittancesQuery)
export class ListRemittancesQueryHandler implements IQueryHandler<
  ListRemittancesQuery,
  RemittancesDto
> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: ListRemittancesQuery): Promise<RemittancesDto> {
    await this.queries.fresh(q.minPosition);
    const v = await this.queries.readModels.remittances(q.fiscalYear);
    const recoveredFen = v?.recoveredFen ?? 0;
    const remittedFen = v?.remittedFen ?? 0;
    return {
      fiscalYear: q.fiscalYear,
      recoveredFen,
      remittedFen,
      notRemittedFen: recoveredFen - remittedFen,
      remittances: v?.remittances ?? [],
    };
  }
}
