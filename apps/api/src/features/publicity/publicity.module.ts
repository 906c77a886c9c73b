import { Module } from '@nestjs/common';
import { LedgerCoreModule } from '../../ledger-core/ledger-core.module';
import { GetPublicityQueryHandler } from './get-publicity.query-handler';
import { OpenPublicityCommandHandler } from './open-publicity.command-handler';
import { PublicityController } from './publicity.controller';
import { RaiseObjectionCommandHandler } from './raise-objection.command-handler';
import { ResolveObjectionCommandHandler } from './resolve-objection.command-handler';

/** Publicity before every payment, in every programme (R-PUB): notices and objections. */
@Module({
  imports: [LedgerCoreModule],
  controllers: [PublicityController],
  providers: [
    GetPublicityQueryHandler,
    OpenPublicityCommandHandler,
    RaiseObjectionCommandHandler,
    ResolveObjectionCommandHandler,
  ],
})
export class PublicityModule {}
