import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { approvePaymentBatch, CommandContext, Written } from '@ledger/application';
import { PaymentBatchState } from '@ledger/domain';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class ApprovePaymentBatchCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly batchId: string,
    readonly input: { approvedOn: string },
  ) {}
}

/** R-SOD: another finance actor than the batch's maker approves it. */
@CommandHandler(ApprovePaymentBatchCommand)
export class ApprovePaymentBatchCommandHandler implements ICommandHandler<
  ApprovePaymentBatchCommand,
  Written<PaymentBatchState>
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: ApprovePaymentBatchCommand): Promise<Written<PaymentBatchState>> {
    return this.storage.withPosition(
      await approvePaymentBatch(this.storage.deps, c.ctx, c.batchId, c.input),
    );
  }
}
