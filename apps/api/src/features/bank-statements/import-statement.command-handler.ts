import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, reconcileStatement, StatementResult, Written } from '@ledger/application';
import { StatementLine } from '@ledger/domain';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class ImportStatementCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly input: {
      hash: string;
      statementId: string;
      importedOn: string;
      lines: StatementLine[];
    },
  ) {}
}

/** Reconcile a bank statement: debits by EndToEndId, credits by case (issue #14). */
@CommandHandler(ImportStatementCommand)
export class ImportStatementCommandHandler implements ICommandHandler<
  ImportStatementCommand,
  Written<StatementResult>
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: ImportStatementCommand): Promise<Written<StatementResult>> {
    return this.storage.withPosition(await reconcileStatement(this.storage.deps, c.ctx, c.input));
  }
}
