import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, FindingInput, FindingResult, recordFinding } from '@ledger/application';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class RecordFindingCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly caseId: string,
    readonly input: FindingInput,
  ) {}
}

/** R-FRAUD: false claims named; paid amounts become due back, unpaid ones are cancelled. */
@CommandHandler(RecordFindingCommand)
export class RecordFindingCommandHandler implements ICommandHandler<
  RecordFindingCommand,
  { result: FindingResult; position: number }
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: RecordFindingCommand): Promise<{ result: FindingResult; position: number }> {
    return this.storage.withPosition(
      await recordFinding(this.storage.deps, c.ctx, c.caseId, c.input),
    );
  }
}
