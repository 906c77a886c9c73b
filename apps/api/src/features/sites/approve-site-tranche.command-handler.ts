import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CommandContext, approveSiteTranche, SiteTrancheResult } from '@ledger/application';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

export class ApproveSiteTrancheCommand {
  constructor(
    readonly ctx: CommandContext,
    readonly siteId: string,
    readonly input: { year?: number; decidedOn: string },
  ) {}
}

/** R-SITE-*: finance approves a site tranche (lease year, purchase year, or the renovation payment). */
@CommandHandler(ApproveSiteTrancheCommand)
export class ApproveSiteTrancheCommandHandler implements ICommandHandler<
  ApproveSiteTrancheCommand,
  { result: SiteTrancheResult; position: number }
> {
  constructor(private readonly storage: LedgerStorage) {}

  async execute(
    c: ApproveSiteTrancheCommand,
  ): Promise<{ result: SiteTrancheResult; position: number }> {
    return this.storage.withPosition(
      await approveSiteTranche(this.storage.deps, c.ctx, c.siteId, c.input),
    );
  }
}
