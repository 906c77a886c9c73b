import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, openPublicity, Written, OpenPublicityInput } from '@ledger/application';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class OpenPublicityCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly input: OpenPublicityInput,
  ) {}
}

@CommandHandler(OpenPublicityCommand)
export class OpenPublicityCommandHandler implements ICommandHandler<
  OpenPublicityCommand,
  Written<{ publicityId: string }>
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: OpenPublicityCommand): Promise<Written<{ publicityId: string }>> {
    return this.storage.withPosition(await openPublicity(this.storage.deps, c.ctx, c.input));
  }
}
