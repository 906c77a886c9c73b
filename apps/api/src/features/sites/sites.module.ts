import { Module } from '@nestjs/common';
import { LedgerCoreModule } from '../../ledger-core/ledger-core.module';
import { ApproveSiteTrancheCommandHandler } from './approve-site-tranche.command-handler';
import { EffectiveSeatsController } from './effective-seats.controller';
import { GetEffectiveSeatsQueryHandler } from './get-effective-seats.query-handler';
import { GetSiteApplicationQueryHandler } from './get-site-application.query-handler';
import { RecognizeEffectiveSeatsCommandHandler } from './recognize-effective-seats.command-handler';
import { SiteApplicationsController } from './site-applications.controller';
import { SubmitSiteApplicationCommandHandler } from './submit-site-application.command-handler';

/** Site subsidies (R-SITE-*) and the effective seats (R-EFF) lease subsidies are counted in. */
@Module({
  imports: [LedgerCoreModule],
  controllers: [EffectiveSeatsController, SiteApplicationsController],
  providers: [
    ApproveSiteTrancheCommandHandler,
    GetEffectiveSeatsQueryHandler,
    GetSiteApplicationQueryHandler,
    RecognizeEffectiveSeatsCommandHandler,
    SubmitSiteApplicationCommandHandler,
  ],
})
export class SitesModule {}
