import { Module } from '@nestjs/common';
import { LedgerCoreModule } from '../../ledger-core/ledger-core.module';
import { ConfirmSpecialTermsCommandHandler } from './confirm-special-terms.command-handler';
import { ListPoliciesQueryHandler } from './list-policies.query-handler';
import { ListSpecialTermsQueryHandler } from './list-special-terms.query-handler';
import { PoliciesController } from './policies.controller';
import { ProposeSpecialTermsCommandHandler } from './propose-special-terms.command-handler';
import { SpecialTermsController } from './special-terms.controller';

/** The versioned policy (R-POL) and special terms (R-SPECIAL). */
@Module({
  imports: [LedgerCoreModule],
  controllers: [PoliciesController, SpecialTermsController],
  providers: [
    ConfirmSpecialTermsCommandHandler,
    ListPoliciesQueryHandler,
    ListSpecialTermsQueryHandler,
    ProposeSpecialTermsCommandHandler,
  ],
})
export class PoliciesModule {}
