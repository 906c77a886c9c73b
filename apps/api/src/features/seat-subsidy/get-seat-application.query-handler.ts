import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { notFound } from '@ledger/domain';
import { Actor } from '../../platform/auth/actor';
import { LedgerClock } from '../../ledger-core/ledger-clock';
import { performanceOf } from '../../ledger-core/enterprise-record';
import { FULL_ID_ROLES, LedgerQueries } from '../../ledger-core/ledger-queries';
import { shownTo } from './refusal-disclosure.presenter';

export class GetSeatApplicationQuery {
  constructor(
    readonly actor: Actor,
    readonly applicationId: string,
    readonly minPosition?: number,
  ) {}
}

@QueryHandler(GetSeatApplicationQuery)
export class GetSeatApplicationQueryHandler implements IQueryHandler<GetSeatApplicationQuery> {
  constructor(
    private readonly queries: LedgerQueries,
    private readonly clock: LedgerClock,
  ) {}

  async execute(q: GetSeatApplicationQuery): Promise<object> {
    await this.queries.fresh(q.minPosition);
    const view = await this.queries.readModels.seatApplication(q.applicationId);
    if (!view) throw notFound(`seat application ${q.applicationId}`);
    this.queries.ownEnterprise(q.actor, view.enterpriseId);
    if (q.actor.role === 'reviewer') {
      // Art. 13: the enterprise's record is weighed on its next application.
      const performance = await performanceOf(this.queries, view.enterpriseId, this.clock.today());
      return { ...view, performance };
    }
    if (FULL_ID_ROLES.has(q.actor.role)) return view;
    // Everyone else sees the masked number only; an applicant, no other enterprise (R-SEAT-6).
    const claims = view.claims.map(({ personId: _personId, ...rest }) => rest);
    return { ...view, claims: shownTo(q.actor, view.enterpriseId, claims) };
  }
}
