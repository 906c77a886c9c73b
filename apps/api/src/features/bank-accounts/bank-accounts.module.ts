import { Module } from '@nestjs/common';
import { LedgerCoreModule } from '../../ledger-core/ledger-core.module';
import { BankAccountsController } from './bank-accounts.controller';
import { GetBankAccountsQueryHandler } from './get-bank-accounts.query-handler';
import { VerifyBankAccountCommandHandler } from './verify-bank-account.command-handler';

/** Payee bank accounts (issue #14). */
@Module({
  imports: [LedgerCoreModule],
  controllers: [BankAccountsController],
  providers: [GetBankAccountsQueryHandler, VerifyBankAccountCommandHandler],
})
export class BankAccountsModule {}
