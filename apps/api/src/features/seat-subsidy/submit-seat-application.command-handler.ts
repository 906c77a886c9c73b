import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  CommandContext,
  submitSeatApplication,
  Written,
  SubmissionResult,
} from '@ledger/application';
import { SubmitSeatApplicationCommand as SubmitSeatApplicationCommandInput } from '@ledger/domain';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class SubmitSeatApplicationCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly cmd: SubmitSeatApplicationCommandInput,
  ) {}
}

@CommandHandler(SubmitSeatApplicationCommand)
export class SubmitSeatApplicationCommandHandler implements ICommandHandler<
  SubmitSeatApplicationCommand,
  Written<SubmissionResult>
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(c: SubmitSeatApplicationCommand): Promise<Written<SubmissionResult>> {
    return this.storage.withPosition(await submitSeatApplication(this.storage.deps, c.ctx, c.cmd));
  }
}
