import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  CommandContext,
  submitInternshipApplication,
  InternshipApplicationResult,
} from '@ledger/application';
import { SubmitInternshipApplicationCommand as SubmitInternshipInput } from '@ledger/domain';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class SubmitInternshipApplicationCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly input: Omit<SubmitInternshipInput, 'submittedBy' | 'submittedByReviewer'>,
  ) {}
}

/** R-INT: a school (own) or a reviewer applies for a year's internship rewards. */
@CommandHandler(SubmitInternshipApplicationCommand)
export class SubmitInternshipApplicationCommandHandler implements ICommandHandler<
  SubmitInternshipApplicationCommand,
  { result: InternshipApplicationResult; position: number }
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(
    c: SubmitInternshipApplicationCommand,
  ): Promise<{ result: InternshipApplicationResult; position: number }> {
    return this.storage.withPosition(
      await submitInternshipApplication(this.storage.deps, c.ctx, c.input),
    );
  }
}
