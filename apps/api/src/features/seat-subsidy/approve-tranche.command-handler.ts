import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, approveTranche, Written, TrancheResult } from '@ledger/application';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class ApproveTrancheCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly applicationId: string,
    readonly cmd: { tranche: number; decidedOn: string },
  ) {}
}

@CommandHandler(ApproveTrancheCommand)
export class ApproveTrancheCommandHandler implements ICommandHandler<
  ApproveTrancheCommand,
  Written<TrancheResult>
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: ApproveTrancheCommand): Promise<Written<TrancheResult>> {
    return this.storage.withPosition(
      await approveTranche(this.storage.deps, c.ctx, c.applicationId, c.cmd),
    );
  }
}
