import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { notFound } from '@ledger/domain';
import {
  PaymentBatchListItem,
  PaymentBatchListStatus,
  PaymentBatchView,
  WorkListPage,
} from '@ledger/projections';
import { LedgerQueries } from '../../ledger-core/ledger-queries';

export class ListPaymentBatchesQuery {
  constructor(
    readonly params: {
      status?: PaymentBatchListStatus;
      cursor?: string;
      limit?: number;
      minPosition?: number;
    },
  ) {}
}

export class GetPaymentBatchQuery {
  constructor(
    readonly batchId: string,
    readonly minPosition?: number,
  ) {}
}

/**
 * `GET /v1/payment-batches`: the batches finance works through, from the
 * read model (ADR 0017), never the log: the second officer finds what awaits
 * approval without being handed an id.
 */
@QueryHandler(ListPaymentBatchesQuery)
export class ListPaymentBatchesQueryHandler implements IQueryHandler<ListPaymentBatchesQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute({
    params: p,
  }: ListPaymentBatchesQuery): Promise<WorkListPage<Omit<PaymentBatchListItem, 'listedAt'>>> {
    await this.queries.fresh(p.minPosition);
    return this.queries.readModels.workLists.paymentBatches({
      status: p.status,
      cursor: p.cursor,
      limit: p.limit,
    });
  }
}

/** `GET /v1/payment-batches/:id`: one batch with its items, accounts masked. */
@QueryHandler(GetPaymentBatchQuery)
export class GetPaymentBatchQueryHandler implements IQueryHandler<GetPaymentBatchQuery> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: GetPaymentBatchQuery): Promise<PaymentBatchView> {
    await this.queries.fresh(q.minPosition);
    const batch = await this.queries.readModels.workLists.paymentBatch(q.batchId);
    if (!batch) throw notFound(`payment batch ${q.batchId}`);
    return batch;
  }
}
