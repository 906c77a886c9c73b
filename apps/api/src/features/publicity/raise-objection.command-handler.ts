import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, raiseObjection, Written } from '@ledger/application';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class RaiseObjectionCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly publicityId: string,
    readonly cmd: { objectionId: string; raisedOn: string; claimId?: string; text: string },
  ) {}
}

@CommandHandler(RaiseObjectionCommand)
export class RaiseObjectionCommandHandler implements ICommandHandler<
  RaiseObjectionCommand,
  Written<{ objectionId: string }>
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: RaiseObjectionCommand): Promise<Written<{ objectionId: string }>> {
    return this.storage.withPosition(
      await raiseObjection(this.storage.deps, c.ctx, c.publicityId, c.cmd),
    );
  }
}
