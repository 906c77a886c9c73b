import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, proposeSpecialTerms, SpecialTermsResult } from '@ledger/application';
import { ProposeSpecialTermsCommand as ProposeInput } from '@ledger/domain';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class ProposeSpecialTermsCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly input: Omit<ProposeInput, 'proposedBy'>,
  ) {}
}

/** R-SPECIAL: a reviewer records a case-by-case decision for one enterprise. */
@CommandHandler(ProposeSpecialTermsCommand)
export class ProposeSpecialTermsCommandHandler implements ICommandHandler<
  ProposeSpecialTermsCommand,
  { result: SpecialTermsResult; position: number }
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(
    c: ProposeSpecialTermsCommand,
  ): Promise<{ result: SpecialTermsResult; position: number }> {
    return this.storage.withPosition(await proposeSpecialTerms(this.storage.deps, c.ctx, c.input));
  }
}
