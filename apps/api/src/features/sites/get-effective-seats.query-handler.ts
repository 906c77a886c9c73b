import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { effectiveSeatsAsOf } from '@ledger/projections/effective-seats-view.projection';
import { Actor } from '../../platform/auth/actor';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class GetEffectiveSeatsQuery {
  constructor(
    readonly actor: Actor,
    readonly enterpriseId: string,
    readonly asOf: string,
    readonly minPosition?: number,
  ) {}
}

/**
 * R-EFF: the enterprise's effective-seat count on a date (its latest
 * recognition on or before it), and every recognition so far.
 */
@QueryHandler(GetEffectiveSeatsQuery)
export class GetEffectiveSeatsQueryHandler implements IQueryHandler<GetEffectiveSeatsQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: GetEffectiveSeatsQuery): Promise<object> {
    this.queries.ownEnterprise(q.actor, q.enterpriseId);
    await this.queries.fresh(q.minPosition);
    await this.queries.requireEnterprise(q.enterpriseId);
    const view = await this.queries.readModels.effectiveSeats(q.enterpriseId);
    return {
      enterpriseId: q.enterpriseId,
      asOf: q.asOf,
      ...effectiveSeatsAsOf(view, q.asOf),
      recognitions: view?.recognitions ?? [],
    };
  }
}
