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
// Issue #7: effective seats, site subsidies, internship rewards, versioned policy, special terms.
import { ApproveInternshipTrancheCommandHandler } from './commands/approve-internship-tranche.command-handler';
import { ApproveSiteTrancheCommandHandler } from './commands/approve-site-tranche.command-handler';
import { ConfirmSpecialTermsCommandHandler } from './commands/confirm-special-terms.command-handler';
import { ProposeSpecialTermsCommandHandler } from './commands/propose-special-terms.command-handler';
import { RecognizeEffectiveSeatsCommandHandler } from './commands/recognize-effective-seats.command-handler';
import { RegisterSchoolCommandHandler } from './commands/register-school.command-handler';
import { SubmitInternshipApplicationCommandHandler } from './commands/submit-internship-application.command-handler';
import { SubmitSiteApplicationCommandHandler } from './commands/submit-site-application.command-handler';
import { EnterpriseProgrammesController } from './controllers/enterprise-programmes.controller';
import { InternshipApplicationsController } from './controllers/internship-applications.controller';
import { PoliciesController } from './controllers/policies.controller';
import { SchoolsController } from './controllers/schools.controller';
import { SiteApplicationsController } from './controllers/site-applications.controller';
import { GetEffectiveSeatsQueryHandler } from './queries/get-effective-seats.query-handler';
import { GetInternshipApplicationQueryHandler } from './queries/get-internship-application.query-handler';
import { GetSchoolBalanceQueryHandler } from './queries/get-school-balance.query-handler';
import { GetSiteApplicationQueryHandler } from './queries/get-site-application.query-handler';
import { ListPoliciesQueryHandler } from './queries/list-policies.query-handler';
import { ListSpecialTermsQueryHandler } from './queries/list-special-terms.query-handler';
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
    // Issue #7
    EnterpriseProgrammesController,
    SiteApplicationsController,
    SchoolsController,
    InternshipApplicationsController,
    PoliciesController,
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
    // Issue #7
    RecognizeEffectiveSeatsCommandHandler,
    SubmitSiteApplicationCommandHandler,
    ApproveSiteTrancheCommandHandler,
    RegisterSchoolCommandHandler,
    SubmitInternshipApplicationCommandHandler,
    ApproveInternshipTrancheCommandHandler,
    ProposeSpecialTermsCommandHandler,
    ConfirmSpecialTermsCommandHandler,
    GetEffectiveSeatsQueryHandler,
    GetSiteApplicationQueryHandler,
    GetInternshipApplicationQueryHandler,
    GetSchoolBalanceQueryHandler,
    ListSpecialTermsQueryHandler,
    ListPoliciesQueryHandler,
  ],
  exports: [LedgerStorage],
})
export class LedgerModule {}
