import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  batchIdOfItem,
  CommandContext,
  DisbursementReturnResult,
  readPaymentBatch,
  returnDisbursement,
  Written,
} from '@ledger/application';
import { notFound } from '@ledger/domain';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class ReturnDisbursementCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly disbursementId: string,
    readonly input: { returnedOn: string; bankRef: string; reason: string },
  ) {}
}

/**
 * 退票 (issue #14): the tranche of a batch item's payment is named by its batch
 * (the item id is the disbursement id); a payment recorded by hand is found in
 * the disbursement view. The return is then decided on the tranche's stream.
 */
@CommandHandler(ReturnDisbursementCommand)
export class ReturnDisbursementCommandHandler implements ICommandHandler<
  ReturnDisbursementCommand,
  Written<DisbursementReturnResult>
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: ReturnDisbursementCommand): Promise<Written<DisbursementReturnResult>> {
    const trancheId = await this.trancheOf(c.disbursementId);
    if (!trancheId) throw notFound(`disbursement ${c.disbursementId}`);
    return this.storage.withPosition(
      await returnDisbursement(this.storage.deps, c.ctx, {
        disbursementId: c.disbursementId,
        trancheId,
        ...c.input,
      }),
    );
  }

  private async trancheOf(disbursementId: string): Promise<string | undefined> {
    const batchId = batchIdOfItem(disbursementId);
    if (batchId) {
      const batch = await readPaymentBatch(this.storage.deps, batchId);
      const item = batch.items.find((i) => i.itemId === disbursementId);
      if (item) return item.trancheId;
    }
    return (await this.storage.readModels.disbursement(disbursementId))?.trancheId;
  }
}
