import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  CommandContext,
  submitSiteApplication,
  SiteApplicationResult,
  SiteApplicationInput,
} from '@ledger/application';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class SubmitSiteApplicationCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly input: SiteApplicationInput,
  ) {}
}

/** R-SITE-*: an applicant (own enterprise) or a reviewer applies for a lease, renovation or purchase subsidy. */
@CommandHandler(SubmitSiteApplicationCommand)
export class SubmitSiteApplicationCommandHandler implements ICommandHandler<
  SubmitSiteApplicationCommand,
  { result: SiteApplicationResult; position: number }
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(
    c: SubmitSiteApplicationCommand,
  ): Promise<{ result: SiteApplicationResult; position: number }> {
    return this.storage.withPosition(
      await submitSiteApplication(this.storage.deps, c.ctx, c.input),
    );
  }
}
