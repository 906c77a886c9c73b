import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { adjustBudget, CommandContext, Written } from '@ledger/application';
import { notFound, parseBudgetId } from '@ledger/domain';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class AdjustBudgetCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly budgetId: string,
    readonly input: { decidedOn: string; amountFen: number; documentRef: string; reason: string },
  ) {}
}

/** R-BUDGET: a signed adjustment of an appropriation; a cut below what is committed is refused. */
@CommandHandler(AdjustBudgetCommand)
export class AdjustBudgetCommandHandler implements ICommandHandler<
  AdjustBudgetCommand,
  Written<{ budgetId: string; adjustmentId: string }>
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(
    c: AdjustBudgetCommand,
  ): Promise<Written<{ budgetId: string; adjustmentId: string }>> {
    if (!parseBudgetId(c.budgetId)) throw notFound(`budget ${c.budgetId}`);
    return this.storage.withPosition(
      await adjustBudget(this.storage.deps, c.ctx, c.budgetId, c.input),
    );
  }
}
