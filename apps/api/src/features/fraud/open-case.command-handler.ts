import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CaseOpeningResult, CommandContext, openCase } from '@ledger/application';
import { OpenCaseCommand as OpenCaseInput } from '@ledger/domain';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class OpenCaseCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly input: Omit<OpenCaseInput, 'openedBy'>,
  ) {}
}

/** R-FRAUD: a supervisor opens a case against an enterprise or a school, suspending it or not. */
@CommandHandler(OpenCaseCommand)
export class OpenCaseCommandHandler implements ICommandHandler<
  OpenCaseCommand,
  { result: CaseOpeningResult; position: number }
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: OpenCaseCommand): Promise<{ result: CaseOpeningResult; position: number }> {
    return this.storage.withPosition(await openCase(this.storage.deps, c.ctx, c.input));
  }
}
