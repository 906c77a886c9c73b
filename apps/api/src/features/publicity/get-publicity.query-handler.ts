import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { notFound } from '@ledger/domain';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class GetPublicityQuery {
  constructor(
    readonly publicityId: string,
    readonly minPosition?: number,
  ) {}
}

/** The public notice (R-PUB): names, masked ID numbers, standard and amount; no token needed. */
@QueryHandler(GetPublicityQuery)
export class GetPublicityQueryHandler implements IQueryHandler<GetPublicityQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: GetPublicityQuery): Promise<object> {
    await this.queries.fresh(q.minPosition);
    const view = await this.queries.readModels.publicity(q.publicityId);
    if (!view) throw notFound(`publicity ${q.publicityId}`);
    return view;
  }
}
