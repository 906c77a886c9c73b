import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, recordRecovery, RecoveryInput, RecoveryResult } from '@ledger/application';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class RecordRecoveryCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly caseId: string,
    readonly input: RecoveryInput,
  ) {}
}

/** R-FRAUD: money back, oldest payment first; never more than is outstanding. */
@CommandHandler(RecordRecoveryCommand)
export class RecordRecoveryCommandHandler implements ICommandHandler<
  RecordRecoveryCommand,
  { result: RecoveryResult; position: number }
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: RecordRecoveryCommand): Promise<{ result: RecoveryResult; position: number }> {
    return this.storage.withPosition(
      await recordRecovery(this.storage.deps, c.ctx, c.caseId, c.input),
    );
  }
}
