import { Module } from '@nestjs/common';
import { LedgerCoreModule } from '../../ledger-core/ledger-core.module';
import { ApproveTrancheCommandHandler } from './approve-tranche.command-handler';
import { EnterprisesController } from './enterprises.controller';
import { FileEvidenceCommandHandler } from './file-evidence.command-handler';
import { GetSeatApplicationQueryHandler } from './get-seat-application.query-handler';
import { RegisterEnterpriseCommandHandler } from './register-enterprise.command-handler';
import { ReportFundUseCommandHandler } from './report-fund-use.command-handler';
import { ReviewApplicationCommandHandler } from './review-application.command-handler';
import { SeatApplicationsController } from './seat-applications.controller';
import { SubmitSeatApplicationCommandHandler } from './submit-seat-application.command-handler';
import { VerifySeatCountCommandHandler } from './verify-seat-count.command-handler';

/** Seat subsidy (R-SEAT): enterprises, verified seat counts, applications, evidence, review, tranches, fund-use reports. */
@Module({
  imports: [LedgerCoreModule],
  controllers: [EnterprisesController, SeatApplicationsController],
  providers: [
    ApproveTrancheCommandHandler,
    FileEvidenceCommandHandler,
    GetSeatApplicationQueryHandler,
    RegisterEnterpriseCommandHandler,
    ReportFundUseCommandHandler,
    ReviewApplicationCommandHandler,
    SubmitSeatApplicationCommandHandler,
    VerifySeatCountCommandHandler,
  ],
})
export class SeatSubsidyModule {}
