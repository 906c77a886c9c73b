import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { closeCase, ClosureInput, ClosureResult, CommandContext } from '@ledger/application';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class CloseCaseCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly caseId: string,
    readonly input: ClosureInput,
  ) {}
}

/** R-FRAUD: closing a case lifts the suspension it applied, once nothing is outstanding. */
@CommandHandler(CloseCaseCommand)
export class CloseCaseCommandHandler implements ICommandHandler<
  CloseCaseCommand,
  { result: ClosureResult; position: number }
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: CloseCaseCommand): Promise<{ result: ClosureResult; position: number }> {
    return this.storage.withPosition(await closeCase(this.storage.deps, c.ctx, c.caseId, c.input));
  }
}
