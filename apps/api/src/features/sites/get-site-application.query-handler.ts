import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { notFound } from '@ledger/domain';
import { Actor } from '../../platform/auth/actor';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class GetSiteApplicationQuery {
  constructor(
    readonly actor: Actor,
    readonly siteId: string,
    readonly minPosition?: number,
  ) {}
}

/** A site application (R-SITE-*), its tranches, notices and payments. */
@QueryHandler(GetSiteApplicationQuery)
export class GetSiteApplicationQueryHandler implements IQueryHandler<GetSiteApplicationQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: GetSiteApplicationQuery): Promise<object> {
    await this.queries.fresh(q.minPosition);
    const view = await this.queries.readModels.siteApplication(q.siteId);
    if (!view) throw notFound(`site application ${q.siteId}`);
    this.queries.ownEnterprise(q.actor, view.enterpriseId);
    const { lastPosition: _lastPosition, ...application } = view;
    return application;
  }
}
