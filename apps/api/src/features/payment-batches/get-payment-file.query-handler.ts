import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { readPaymentBatch } from '@ledger/application';
import { conflict, notFound } from '@ledger/domain';
import { LedgerStorage } from '../../ledger-core/ledger-storage';
import { InjectLedgerConfig } from '../../platform/config/ledger-config.provider';
import { LedgerConfig } from '../../platform/config/ledger-config';
import { pain001, paymentCsv } from './payment-file';

export class GetPaymentFileQuery {
  constructor(
    readonly batchId: string,
    readonly format: 'pain.001' | 'csv',
    readonly at: string,
  ) {}
}

export interface PaymentFile {
  contentType: string;
  fileName: string;
  body: string;
}

/** The instruction file of an approved batch, read from the batch's own stream. */
@QueryHandler(GetPaymentFileQuery)
export class GetPaymentFileQueryHandler implements IQueryHandler<GetPaymentFileQuery, PaymentFile> {
  constructor(
    private readonly storage: LedgerStorage,
    @InjectLedgerConfig() private readonly config: LedgerConfig,
  ) {}

  async execute(q: GetPaymentFileQuery): Promise<PaymentFile> {
    const batch = await readPaymentBatch(this.storage.deps, q.batchId);
    if (!batch.exists) throw notFound(`payment batch ${q.batchId}`);
    // Four eyes before any money moves (R-SOD): no file for a batch not yet approved.
    if (!batch.approved) {
      throw conflict(`payment batch ${q.batchId} is not approved yet`, { rule: 'R-SOD' });
    }
    if (q.format === 'csv') {
      return {
        contentType: 'text/csv; charset=utf-8',
        fileName: `${q.batchId}.csv`,
        body: paymentCsv(batch),
      };
    }
    if (!this.config.debtor) {
      throw conflict(
        'the debtor account is not configured (LEDGER_DEBTOR_NAME, LEDGER_DEBTOR_ACCOUNT, LEDGER_DEBTOR_BANK_CODE)',
      );
    }
    return {
      contentType: 'application/xml; charset=utf-8',
      fileName: `${q.batchId}.pain.001.xml`,
      body: pain001(batch, this.config.debtor, q.at),
    };
  }
}
