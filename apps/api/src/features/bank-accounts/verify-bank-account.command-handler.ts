import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, verifyPayeeAccount, Written } from '@ledger/application';
import { PayeeAccount } from '@ledger/domain';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class VerifyBankAccountCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly input: Omit<PayeeAccount, 'verifiedBy'>,
  ) {}
}

/** A reviewer records a payee's bank account, in the payee's registered name. */
@CommandHandler(VerifyBankAccountCommand)
export class VerifyBankAccountCommandHandler implements ICommandHandler<
  VerifyBankAccountCommand,
  Written<{ accountId: string }>
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: VerifyBankAccountCommand): Promise<Written<{ accountId: string }>> {
    return this.storage.withPosition(await verifyPayeeAccount(this.storage.deps, c.ctx, c.input));
  }
}
