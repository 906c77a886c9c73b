import { Module } from '@nestjs/common';
import { LedgerCoreModule } from '../../ledger-core/ledger-core.module';
import { ApproveSiteTrancheCommandHandler } from './approve-site-tranche.command-handler';
import { EffectiveSeatsController } from './effective-seats.controller';
import { GetEffectiveSeatsQueryHandler } from './get-effective-seats.query-handler';
import { GetSiteApplicationQueryHandler } from './get-site-application.query-handler';
import { RecognizeEffectiveSeatsCommandHandler } from './recognize-effective-seats.command-handler';
import { RecordStandingCheckCommandHandler } from './record-standing-check.command-handler';
import { SiteApplicationsController } from './site-applications.controller';
import { StandingChecksController } from './standing-checks.controller';
import { SubmitSiteApplicationCommandHandler } from './submit-site-application.command-handler';

/**
 * Site subsidies (R-SITE-*), the standing checks they are approved on
 * (R-SITE-COND) and the effective seats (R-EFF) lease subsidies are counted in.
 */
@Module({
  imports: [LedgerCoreModule],
  controllers: [EffectiveSeatsController, SiteApplicationsController, StandingChecksController],
  providers: [
    ApproveSiteTrancheCommandHandler,
    GetEffectiveSeatsQueryHandler,
    GetSiteApplicationQueryHandler,
    RecognizeEffectiveSeatsCommandHandler,
    RecordStandingCheckCommandHandler,
    SubmitSiteApplicationCommandHandler,
  ],
})
export class SitesModule {}
