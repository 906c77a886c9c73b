import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  CommandContext,
  recordDisbursement,
  Written,
  DisbursementInput,
} from '@ledger/application';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class RecordDisbursementCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly input: DisbursementInput,
  ) {}
}

@CommandHandler(RecordDisbursementCommand)
export class RecordDisbursementCommandHandler implements ICommandHandler<
  RecordDisbursementCommand,
  Written<{ disbursementId: string }>
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: RecordDisbursementCommand): Promise<Written<{ disbursementId: string }>> {
    return this.storage.withPosition(await recordDisbursement(this.storage.deps, c.ctx, c.input));
  }
}
