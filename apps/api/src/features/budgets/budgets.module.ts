import { Module } from '@nestjs/common';
import { LedgerCoreModule } from '../../ledger-core/ledger-core.module';
import { AdjustBudgetCommandHandler } from './adjust-budget.command-handler';
import { AppropriateBudgetCommandHandler } from './appropriate-budget.command-handler';
import { BudgetsController } from './budgets.controller';
import { ListBudgetsQueryHandler } from './list-budgets.query-handler';

/** Budgets (R-BUDGET, issue #14, ADR 0019). */
@Module({
  imports: [LedgerCoreModule],
  controllers: [BudgetsController],
  providers: [AdjustBudgetCommandHandler, AppropriateBudgetCommandHandler, ListBudgetsQueryHandler],
})
export class BudgetsModule {}
