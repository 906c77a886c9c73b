import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, createPaymentBatch, Written } from '@ledger/application';
import { PaymentBatchState } from '@ledger/domain';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class CreatePaymentBatchCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly input: { createdOn: string; trancheIds: string[] },
  ) {}
}

/** Finance gathers payable tranches into a batch (each in one open batch at most). */
@CommandHandler(CreatePaymentBatchCommand)
export class CreatePaymentBatchCommandHandler implements ICommandHandler<
  CreatePaymentBatchCommand,
  Written<PaymentBatchState>
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: CreatePaymentBatchCommand): Promise<Written<PaymentBatchState>> {
    return this.storage.withPosition(await createPaymentBatch(this.storage.deps, c.ctx, c.input));
  }
}
