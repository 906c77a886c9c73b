import { Module } from '@nestjs/common';
import { LedgerCoreModule } from '../../ledger-core/ledger-core.module';
import { DisbursementsController } from './disbursements.controller';
import { GetDisbursementQueryHandler } from './get-disbursement.query-handler';
import { RecordDisbursementCommandHandler } from './record-disbursement.command-handler';
import { ReturnDisbursementCommandHandler } from './return-disbursement.command-handler';
import { TranchesController } from './tranches.controller';

/** Disbursements of approved tranches, in every programme (R-PAY), and their view. */
@Module({
  imports: [LedgerCoreModule],
  controllers: [DisbursementsController, TranchesController],
  providers: [
    GetDisbursementQueryHandler,
    RecordDisbursementCommandHandler,
    ReturnDisbursementCommandHandler,
  ],
})
export class PaymentsModule {}
