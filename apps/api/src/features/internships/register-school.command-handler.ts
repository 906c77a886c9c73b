import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, registerSchool } from '@ledger/application';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class RegisterSchoolCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly input: { schoolId: string; name: string; registeredOn: string },
  ) {}
}

/** R-INT: a reviewer registers a school (its unified social credit code is its id). */
@CommandHandler(RegisterSchoolCommand)
export class RegisterSchoolCommandHandler implements ICommandHandler<
  RegisterSchoolCommand,
  { result: { schoolId: string }; position: number }
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(
    c: RegisterSchoolCommand,
  ): Promise<{ result: { schoolId: string }; position: number }> {
    return this.storage.withPosition(await registerSchool(this.storage.deps, c.ctx, c.input));
  }
}
