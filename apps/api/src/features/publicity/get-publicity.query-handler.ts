import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { maskResidentIds } from '@ledger/audit/mask';
import { notFound } from '@ledger/domain';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class GetPublicityQuery {
  constructor(
    readonly publicityId: string,
    readonly minPosition?: number,
  ) {}
}

/**
 * The public notice (R-PUB): names, masked ID numbers, programme, standard
 * and amount; no token needed. Free text typed by people (objections, their
 * reasons, where the notice is posted) may quote an ID number: it is masked
 * here, on the way out, so the stored facts stay as recorded.
 */
@QueryHandler(GetPublicityQuery)
export class GetPublicityQueryHandler implements IQueryHandler<GetPublicityQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: GetPublicityQuery): Promise<object> {
    await this.queries.fresh(q.minPosition);
    const view = await this.queries.readModels.publicity(q.publicityId);
    if (!view) throw notFound(`publicity ${q.publicityId}`);
    return {
      ...view,
      ...(view.publishedAt === undefined ? {} : { publishedAt: maskResidentIds(view.publishedAt) }),
      objections: maskResidentIds(view.objections),
    };
  }
}
