import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { notFound } from '@ledger/domain';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class GetDisbursementQuery {
  constructor(
    readonly disbursementId: string,
    readonly minPosition?: number,
  ) {}
}

/** One payment and the cases that reversed it (`reversedBy`), the trace from payment to case. */
@QueryHandler(GetDisbursementQuery)
export class GetDisbursementQueryHandler implements IQueryHandler<GetDisbursementQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: GetDisbursementQuery): Promise<object> {
    await this.queries.fresh(q.minPosition);
    const view = await this.queries.readModels.disbursement(q.disbursementId);
    if (!view) throw notFound(`disbursement ${q.disbursementId}`);
    const { lastPosition: _lastPosition, ...payment } = view;
    return payment;
  }
}
