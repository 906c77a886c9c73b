import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { READ_MODEL_LIMITS } from '@ledger/projections/ledger-read-models';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class ListDuplicateClaimsQuery {
  constructor(
    readonly enterpriseId: string | undefined,
    readonly limit: number | undefined,
    readonly after: number | undefined,
    readonly minPosition?: number,
  ) {}
}

/**
 * R-SEAT-6 refusals as leads for R-FRAUD cases: who (masked ID number), which
 * enterprise claimed, which it clashed with, which months. Oldest first, paged.
 */
@QueryHandler(ListDuplicateClaimsQuery)
export class ListDuplicateClaimsQueryHandler implements IQueryHandler<ListDuplicateClaimsQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: ListDuplicateClaimsQuery): Promise<object> {
    await this.queries.fresh(q.minPosition);
    const limit = q.limit ?? READ_MODEL_LIMITS.pageSizeDefault;
    const rows = await this.queries.readModels.duplicateClaims({
      enterpriseId: q.enterpriseId,
      limit,
      afterPosition: q.after,
    });
    const last = rows[rows.length - 1];
    return {
      items: rows.map((r) => ({
        personIdMasked: r.personIdMasked,
        claimId: r.claimId,
        applicationId: r.applicationId,
        enterpriseId: r.enterpriseId,
        months: r.months,
        conflictsWith: r.conflictsWith,
        filedOn: r.businessDate,
        position: r.position,
      })),
      next: rows.length === limit && last ? last.position : null,
    };
  }
}
