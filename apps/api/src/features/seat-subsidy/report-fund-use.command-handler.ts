import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, reportFundUse } from '@ledger/application';
import { ReportFundUseCommand as ReportFundUseInput } from '@ledger/domain';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class ReportFundUseCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly input: Omit<ReportFundUseInput, 'reportedBy'>,
  ) {}
}

/** R-SEAT-7: an enterprise reports its spending on staff education and on the rest. */
@CommandHandler(ReportFundUseCommand)
export class ReportFundUseCommandHandler implements ICommandHandler<
  ReportFundUseCommand,
  { result: { reportId: string }; position: number }
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(
    c: ReportFundUseCommand,
  ): Promise<{ result: { reportId: string }; position: number }> {
    return this.storage.withPosition(await reportFundUse(this.storage.deps, c.ctx, c.input));
  }
}
