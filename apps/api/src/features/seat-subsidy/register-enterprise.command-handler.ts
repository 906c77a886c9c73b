import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, registerEnterprise, Written } from '@ledger/application';
import { RegisterEnterpriseCommand as RegisterEnterpriseCommandInput } from '@ledger/domain';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class RegisterEnterpriseCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly cmd: RegisterEnterpriseCommandInput,
  ) {}
}

@CommandHandler(RegisterEnterpriseCommand)
export class RegisterEnterpriseCommandHandler implements ICommandHandler<
  RegisterEnterpriseCommand,
  Written<{ enterpriseId: string }>
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: RegisterEnterpriseCommand): Promise<Written<{ enterpriseId: string }>> {
    return this.storage.withPosition(await registerEnterprise(this.storage.deps, c.ctx, c.cmd));
  }
}
