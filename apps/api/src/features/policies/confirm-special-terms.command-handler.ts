import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, confirmSpecialTerms, SpecialTermsResult } from '@ledger/application';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class ConfirmSpecialTermsCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly enterpriseId: string,
    readonly input: { termsId: string; confirmedOn: string },
  ) {}
}

/** R-SPECIAL: finance confirms special terms another actor proposed. */
@CommandHandler(ConfirmSpecialTermsCommand)
export class ConfirmSpecialTermsCommandHandler implements ICommandHandler<
  ConfirmSpecialTermsCommand,
  { result: SpecialTermsResult; position: number }
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(
    c: ConfirmSpecialTermsCommand,
  ): Promise<{ result: SpecialTermsResult; position: number }> {
    return this.storage.withPosition(
      await confirmSpecialTerms(this.storage.deps, c.ctx, c.enterpriseId, c.input),
    );
  }
}
