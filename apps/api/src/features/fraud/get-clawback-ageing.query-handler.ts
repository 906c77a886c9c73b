import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Actor } from '../../platform/auth/actor';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class GetClawbackAgeingQuery {
  constructor(
    readonly actor: Actor,
    readonly enterpriseId: string,
    readonly asOf: string,
    readonly minPosition?: number,
  ) {}
}

/** Finance: one enterprise's outstanding clawbacks as of a date, 0-30 / 31-90 / 91-365 / over 365 days. */
@QueryHandler(GetClawbackAgeingQuery)
export class GetClawbackAgeingQueryHandler implements IQueryHandler<GetClawbackAgeingQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: GetClawbackAgeingQuery): Promise<object> {
    this.queries.ownEnterprise(q.actor, q.enterpriseId);
    await this.queries.fresh(q.minPosition);
    await this.queries.requireEnterprise(q.enterpriseId);
    const ageing = await this.queries.readModels.clawbackAgeing(q.enterpriseId, q.asOf);
    return { asOf: q.asOf, ...ageing };
  }
}
