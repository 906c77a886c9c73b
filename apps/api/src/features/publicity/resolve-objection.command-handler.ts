import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, resolveObjection, Written, ResolutionResult } from '@ledger/application';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class ResolveObjectionCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly publicityId: string,
    readonly cmd: { objectionId: string; resolvedOn: string; upheld: boolean; reason: string },
  ) {}
}

@CommandHandler(ResolveObjectionCommand)
export class ResolveObjectionCommandHandler implements ICommandHandler<
  ResolveObjectionCommand,
  Written<ResolutionResult>
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: ResolveObjectionCommand): Promise<Written<ResolutionResult>> {
    return this.storage.withPosition(
      await resolveObjection(this.storage.deps, c.ctx, c.publicityId, c.cmd),
    );
  }
}
