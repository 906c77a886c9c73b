import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, recordRemittance, Written } from '@ledger/application';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class RecordRemittanceCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly input: {
      remittanceId: string;
      fiscalYear: number;
      remittedOn: string;
      amountFen: number;
      treasuryRef: string;
    },
  ) {}
}

/** Recovered money remitted to the treasury (缴库): never more than recovered in the year. */
@CommandHandler(RecordRemittanceCommand)
export class RecordRemittanceCommandHandler implements ICommandHandler<
  RecordRemittanceCommand,
  Written<{ remittanceId: string }>
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: RecordRemittanceCommand): Promise<Written<{ remittanceId: string }>> {
    // The embedded store writes read models with the events, so this figure is current there.
    const view = await this.storage.readModels.remittances(c.input.fiscalYear);
    return this.storage.withPosition(
      await recordRemittance(this.storage.deps, c.ctx, c.input, view?.recoveredFen ?? 0),
    );
  }
}
