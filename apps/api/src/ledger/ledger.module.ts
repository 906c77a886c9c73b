import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ApproveTrancheCommandHandler } from './commands/approve-tranche.command-handler';
import { CloseCaseCommandHandler } from './commands/close-case.command-handler';
import { OpenCaseCommandHandler } from './commands/open-case.command-handler';
import { RecordFindingCommandHandler } from './commands/record-finding.command-handler';
import { RecordRecoveryCommandHandler } from './commands/record-recovery.command-handler';
import { ReportFundUseCommandHandler } from './commands/report-fund-use.command-handler';
import { FileEvidenceCommandHandler } from './commands/file-evidence.command-handler';
import { OpenPublicityCommandHandler } from './commands/open-publicity.command-handler';
import { RaiseObjectionCommandHandler } from './commands/raise-objection.command-handler';
import { RecordDisbursementCommandHandler } from './commands/record-disbursement.command-handler';
import { RegisterEnterpriseCommandHandler } from './commands/register-enterprise.command-handler';
import { ResolveObjectionCommandHandler } from './commands/resolve-objection.command-handler';
import { ReviewApplicationCommandHandler } from './commands/review-application.command-handler';
import { SubmitSeatApplicationCommandHandler } from './commands/submit-seat-application.command-handler';
import { AuditController } from './controllers/audit.controller';
import { CasesController } from './controllers/cases.controller';
import { ClawbacksController } from './controllers/clawbacks.controller';
import { DisbursementsController } from './controllers/disbursements.controller';
import { DuplicateClaimsController } from './controllers/duplicate-claims.controller';
import { EnterprisesController } from './controllers/enterprises.controller';
import { PersonsController } from './controllers/persons.controller';
import { PublicityController } from './controllers/publicity.controller';
import { SeatApplicationsController } from './controllers/seat-applications.controller';
import { TranchesController } from './controllers/tranches.controller';
import { CommandContextFactory } from './infrastructure/command-context.factory';
import { LedgerClock } from './infrastructure/ledger-clock';
import { LedgerStorage } from './infrastructure/ledger-storage';
import { PersonKeyService } from './infrastructure/person-key.service';
import { ProcessRecoveryService } from './infrastructure/process-recovery.service';
import { GetAuditEventsQueryHandler } from './queries/get-audit-events.query-handler';
import { GetCaseTraceQueryHandler } from './queries/get-case-trace.query-handler';
import { GetClawbackAgeingQueryHandler } from './queries/get-clawback-ageing.query-handler';
import { GetComplianceQueryHandler } from './queries/get-compliance.query-handler';
import { GetDisbursementQueryHandler } from './queries/get-disbursement.query-handler';
import { GetEnterpriseBalanceQueryHandler } from './queries/get-enterprise-balance.query-handler';
import { GetEnterprisePerformanceQueryHandler } from './queries/get-enterprise-performance.query-handler';
import { GetPersonCapQueryHandler } from './queries/get-person-cap.query-handler';
import { GetPublicityQueryHandler } from './queries/get-publicity.query-handler';
import { GetSeatApplicationQueryHandler } from './queries/get-seat-application.query-handler';
import { LedgerQueries } from './queries/ledger-queries';
import { ListClawbackAgeingQueryHandler } from './queries/list-clawback-ageing.query-handler';
import { ListDuplicateClaimsQueryHandler } from './queries/list-duplicate-claims.query-handler';

@Module({
  imports: [CqrsModule.forRoot()],
  controllers: [
    EnterprisesController,
    SeatApplicationsController,
    PublicityController,
    TranchesController,
    PersonsController,
    AuditController,
    // R-FRAUD and R-SEAT-7 (issue #5)
    CasesController,
    DisbursementsController,
    ClawbacksController,
    DuplicateClaimsController,
  ],
  providers: [
    LedgerClock,
    LedgerStorage,
    PersonKeyService,
    CommandContextFactory,
    LedgerQueries,
    ProcessRecoveryService,
    RegisterEnterpriseCommandHandler,
    SubmitSeatApplicationCommandHandler,
    FileEvidenceCommandHandler,
    ReviewApplicationCommandHandler,
    ApproveTrancheCommandHandler,
    OpenPublicityCommandHandler,
    RaiseObjectionCommandHandler,
    ResolveObjectionCommandHandler,
    RecordDisbursementCommandHandler,
    GetSeatApplicationQueryHandler,
    GetPublicityQueryHandler,
    GetEnterpriseBalanceQueryHandler,
    GetPersonCapQueryHandler,
    GetAuditEventsQueryHandler,
    // R-FRAUD and R-SEAT-7 (issue #5)
    OpenCaseCommandHandler,
    RecordFindingCommandHandler,
    RecordRecoveryCommandHandler,
    CloseCaseCommandHandler,
    ReportFundUseCommandHandler,
    GetCaseTraceQueryHandler,
    GetDisbursementQueryHandler,
    GetClawbackAgeingQueryHandler,
    ListClawbackAgeingQueryHandler,
    ListDuplicateClaimsQueryHandler,
    GetComplianceQueryHandler,
    GetEnterprisePerformanceQueryHandler,
  ],
  exports: [LedgerStorage],
})
export class LedgerModule {}
