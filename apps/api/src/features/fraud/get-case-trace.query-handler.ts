import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { notFound } from '@ledger/domain';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class GetCaseTraceQuery {
  constructor(
    readonly caseId: string,
    readonly minPosition?: number,
  ) {}
}

/** R-FRAUD: finding → claims → tranches → payments → recoveries, with what is still owed. */
@QueryHandler(GetCaseTraceQuery)
export class GetCaseTraceQueryHandler implements IQueryHandler<GetCaseTraceQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: GetCaseTraceQuery): Promise<object> {
    await this.queries.fresh(q.minPosition);
    const trace = await this.queries.readModels.caseTrace(q.caseId);
    if (!trace) throw notFound(`case ${q.caseId}`);
    const { lastPosition: _lastPosition, ...view } = trace;
    return view;
  }
}
