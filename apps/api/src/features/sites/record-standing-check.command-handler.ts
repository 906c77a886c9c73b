import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, recordStandingCheck, Written } from '@ledger/application';
import { RecordStandingCheckCommand as RecordInput } from '@ledger/domain';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class RecordStandingCheckCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly input: Omit<RecordInput, 'checkedBy'>,
  ) {}
}

/** R-SITE-COND: a reviewer records a check of an enterprise's standing. */
@CommandHandler(RecordStandingCheckCommand)
export class RecordStandingCheckCommandHandler implements ICommandHandler<
  RecordStandingCheckCommand,
  Written<{ checkId: string }>
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: RecordStandingCheckCommand): Promise<Written<{ checkId: string }>> {
    return this.storage.withPosition(await recordStandingCheck(this.storage.deps, c.ctx, c.input));
  }
}
