import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  CommandContext,
  approveInternshipTranche,
  InternshipTrancheResult,
} from '@ledger/application';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class ApproveInternshipTrancheCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly applicationId: string,
    readonly input: { decidedOn: string },
  ) {}
}

/** R-INT: finance approves an internship application's one tranche. */
@CommandHandler(ApproveInternshipTrancheCommand)
export class ApproveInternshipTrancheCommandHandler implements ICommandHandler<
  ApproveInternshipTrancheCommand,
  { result: InternshipTrancheResult; position: number }
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(
    c: ApproveInternshipTrancheCommand,
  ): Promise<{ result: InternshipTrancheResult; position: number }> {
    return this.storage.withPosition(
      await approveInternshipTranche(this.storage.deps, c.ctx, c.applicationId, c.input),
    );
  }
}
