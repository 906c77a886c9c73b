import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, reviewApplication, Written, ReviewResult } from '@ledger/application';
import { ReviewApplicationCommand as ReviewApplicationCommandInput } from '@ledger/domain';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class ReviewApplicationCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly applicationId: string,
    readonly cmd: ReviewApplicationCommandInput,
  ) {}
}

@CommandHandler(ReviewApplicationCommand)
export class ReviewApplicationCommandHandler implements ICommandHandler<
  ReviewApplicationCommand,
  Written<ReviewResult>
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: ReviewApplicationCommand): Promise<Written<ReviewResult>> {
    return this.storage.withPosition(
      await reviewApplication(this.storage.deps, c.ctx, c.applicationId, c.cmd),
    );
  }
}
