import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { appropriateBudget, CommandContext, Written } from '@ledger/application';
import { BudgetProgramme } from '@ledger/domain';
import { LedgerClock } from '../../ledger-core/ledger-clock';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class AppropriateBudgetCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly input: {
      programme: BudgetProgramme;
      fiscalYear: number;
      amountFen: number;
      documentRef: string;
    },
  ) {}
}

/** R-BUDGET: finance records a programme's appropriation for a fiscal year. */
@CommandHandler(AppropriateBudgetCommand)
export class AppropriateBudgetCommandHandler implements ICommandHandler<
  AppropriateBudgetCommand,
  Written<{ budgetId: string }>
> {
  constructor(
    private readonly storage: LedgerStorage,
    private readonly clock: LedgerClock,
  ) {}

  async execute(c: AppropriateBudgetCommand): Promise<Written<{ budgetId: string }>> {
    return this.storage.withPosition(
      await appropriateBudget(this.storage.deps, c.ctx, c.input, this.clock.today()),
    );
  }
}
