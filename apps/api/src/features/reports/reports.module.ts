import { Module } from '@nestjs/common';
import { LedgerCoreModule } from '../../ledger-core/ledger-core.module';
import { GetBudgetExecutionQueryHandler } from './get-budget-execution.query-handler';
import { GetProgrammeYearQueryHandler } from './get-programme-year.query-handler';
import { ReportsController } from './reports.controller';

/** Reports of the bank cycle (issue #14). */
@Module({
  imports: [LedgerCoreModule],
  controllers: [ReportsController],
  providers: [GetBudgetExecutionQueryHandler, GetProgrammeYearQueryHandler],
})
export class ReportsModule {}
