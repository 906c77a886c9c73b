import { Module } from '@nestjs/common';
import { LedgerCoreModule } from '../../ledger-core/ledger-core.module';
import { ApproveInternshipTrancheCommandHandler } from './approve-internship-tranche.command-handler';
import { GetInternshipApplicationQueryHandler } from './get-internship-application.query-handler';
import { InternshipApplicationsController } from './internship-applications.controller';
import { RegisterSchoolCommandHandler } from './register-school.command-handler';
import { SchoolsController } from './schools.controller';
import { SubmitInternshipApplicationCommandHandler } from './submit-internship-application.command-handler';

/** Internship rewards to schools (R-INT): schools, applications, tranches. */
@Module({
  imports: [LedgerCoreModule],
  controllers: [InternshipApplicationsController, SchoolsController],
  providers: [
    ApproveInternshipTrancheCommandHandler,
    GetInternshipApplicationQueryHandler,
    RegisterSchoolCommandHandler,
    SubmitInternshipApplicationCommandHandler,
  ],
})
export class InternshipsModule {}
