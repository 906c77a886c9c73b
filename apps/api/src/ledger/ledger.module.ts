import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ApproveTrancheCommandHandler } from './commands/approve-tranche.command-handler';
import { FileEvidenceCommandHandler } from './commands/file-evidence.command-handler';
import { OpenPublicityCommandHandler } from './commands/open-publicity.command-handler';
import { RaiseObjectionCommandHandler } from './commands/raise-objection.command-handler';
import { RecordDisbursementCommandHandler } from './commands/record-disbursement.command-handler';
import { RegisterEnterpriseCommandHandler } from './commands/register-enterprise.command-handler';
import { ResolveObjectionCommandHandler } from './commands/resolve-objection.command-handler';
import { ReviewApplicationCommandHandler } from './commands/review-application.command-handler';
import { SubmitSeatApplicationCommandHandler } from './commands/submit-seat-application.command-handler';
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
import { GetEnterpriseBalanceQueryHandler } from './queries/get-enterprise-balance.query-handler';
import { GetPersonCapQueryHandler } from './queries/get-person-cap.query-handler';
import { GetPublicityQueryHandler } from './queries/get-publicity.query-handler';
import { GetSeatApplicationQueryHandler } from './queries/get-seat-application.query-handler';
import { LedgerQueries } from './queries/ledger-queries';

@Module({
  imports: [CqrsModule.forRoot()],
  controllers: [
    EnterprisesController,
    SeatApplicationsController,
    PublicityController,
    TranchesController,
    PersonsController,
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
  ],
  exports: [LedgerStorage],
})
export class LedgerModule {}
