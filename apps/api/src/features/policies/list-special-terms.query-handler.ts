import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Actor } from '../../platform/auth/actor';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class ListSpecialTermsQuery {
  constructor(
    readonly actor: Actor,
    readonly enterpriseId: string,
    readonly minPosition?: number,
  ) {}
}

/** R-SPECIAL: an enterprise's special terms, proposed and confirmed, in the order proposed. */
@QueryHandler(ListSpecialTermsQuery)
export class ListSpecialTermsQueryHandler implements IQueryHandler<ListSpecialTermsQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: ListSpecialTermsQuery): Promise<object> {
    this.queries.ownEnterprise(q.actor, q.enterpriseId);
    await this.queries.fresh(q.minPosition);
    await this.queries.requireEnterprise(q.enterpriseId);
    const view = await this.queries.readModels.specialTerms(q.enterpriseId);
    return { enterpriseId: q.enterpriseId, terms: view?.terms ?? [] };
  }
}
