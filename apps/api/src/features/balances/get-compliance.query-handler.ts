import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Actor } from '../../platform/auth/actor';
import { complianceOf } from '../../ledger-core/enterprise-record';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class GetComplianceQuery {
  constructor(
    readonly actor: Actor,
    readonly enterpriseId: string,
    readonly asOf: string,
    readonly minPosition?: number,
  ) {}
}

/** R-SEAT-7: seat subsidy received vs. education spending, flagged below 20 %. */
@QueryHandler(GetComplianceQuery)
export class GetComplianceQueryHandler implements IQueryHandler<GetComplianceQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: GetComplianceQuery): Promise<object> {
    this.queries.ownEnterprise(q.actor, q.enterpriseId);
    await this.queries.fresh(q.minPosition);
    await this.queries.requireEnterprise(q.enterpriseId);
    return complianceOf(this.queries, q.enterpriseId, q.asOf);
  }
}
