import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class GetSchoolClawbackAgeingQuery {
  constructor(
    readonly schoolId: string,
    readonly asOf: string,
    readonly minPosition?: number,
  ) {}
}

/** Finance: one school's outstanding clawbacks as of a date, 0-30 / 31-90 / 91-365 / over 365 days. */
@QueryHandler(GetSchoolClawbackAgeingQuery)
export class GetSchoolClawbackAgeingQueryHandler implements IQueryHandler<GetSchoolClawbackAgeingQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: GetSchoolClawbackAgeingQuery): Promise<object> {
    await this.queries.fresh(q.minPosition);
    await this.queries.requireSchool(q.schoolId);
    const ageing = await this.queries.readModels.schoolClawbackAgeing(q.schoolId, q.asOf);
    return { asOf: q.asOf, ...ageing };
  }
}
