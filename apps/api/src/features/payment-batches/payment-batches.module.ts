import { Module } from '@nestjs/common';
import { LedgerCoreModule } from '../../ledger-core/ledger-core.module';
import { ApprovePaymentBatchCommandHandler } from './approve-payment-batch.command-handler';
import { CreatePaymentBatchCommandHandler } from './create-payment-batch.command-handler';
import { GetPaymentFileQueryHandler } from './get-payment-file.query-handler';
import {
  GetPaymentBatchQueryHandler,
  ListPaymentBatchesQueryHandler,
} from './list-payment-batches.query-handler';
import { PaymentBatchesController } from './payment-batches.controller';

/** Payment batches, four eyes and the bank's instruction files (issue #14). */
@Module({
  imports: [LedgerCoreModule],
  controllers: [PaymentBatchesController],
  providers: [
    ApprovePaymentBatchCommandHandler,
    CreatePaymentBatchCommandHandler,
    GetPaymentFileQueryHandler,
    ListPaymentBatchesQueryHandler,
    GetPaymentBatchQueryHandler,
  ],
})
export class PaymentBatchesModule {}
