import { Module } from '@nestjs/common';
import { LedgerCoreModule } from '../../ledger-core/ledger-core.module';
import { BankStatementsController } from './bank-statements.controller';
import { ImportStatementCommandHandler } from './import-statement.command-handler';

/** Bank statements and reconciliation (issue #14). */
@Module({
  imports: [LedgerCoreModule],
  controllers: [BankStatementsController],
  providers: [ImportStatementCommandHandler],
})
export class BankStatementsModule {}
