import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { performanceOf } from '../../ledger-core/enterprise-record';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class GetEnterprisePerformanceQuery {
  constructor(
    readonly enterpriseId: string,
    readonly asOf: string,
    readonly minPosition?: number,
  ) {}
}

/** Art. 13: cases upheld, amounts recovered, compliance: what reviewers weigh next time. */
@QueryHandler(GetEnterprisePerformanceQuery)
export class GetEnterprisePerformanceQueryHandler implements IQueryHandler<GetEnterprisePerformanceQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: GetEnterprisePerformanceQuery): Promise<object> {
    await this.queries.fresh(q.minPosition);
    await this.queries.requireEnterprise(q.enterpriseId);
    return performanceOf(this.queries, q.enterpriseId, q.asOf);
  }
}
