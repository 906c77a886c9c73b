import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, verifySeatCount } from '@ledger/application';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class VerifySeatCountCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly enterpriseId: string,
    readonly input: { verifiedOn: string; seats: number; inspectionRef: string },
  ) {}
}

/** R-SEAT-8: a reviewer records the seat count an inspection found. */
@CommandHandler(VerifySeatCountCommand)
export class VerifySeatCountCommandHandler implements ICommandHandler<
  VerifySeatCountCommand,
  { result: { enterpriseId: string }; position: number }
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(
    c: VerifySeatCountCommand,
  ): Promise<{ result: { enterpriseId: string }; position: number }> {
    return this.storage.withPosition(
      await verifySeatCount(this.storage.deps, c.ctx, c.enterpriseId, c.input),
    );
  }
}
