import { Module } from '@nestjs/common';
import { LedgerCoreModule } from '../../ledger-core/ledger-core.module';
import { EnterpriseBalancesController } from './enterprise-balances.controller';
import { GetComplianceQueryHandler } from './get-compliance.query-handler';
import { GetEnterpriseBalanceQueryHandler } from './get-enterprise-balance.query-handler';
import { GetEnterprisePerformanceQueryHandler } from './get-enterprise-performance.query-handler';
import { GetPersonCapQueryHandler } from './get-person-cap.query-handler';
import { GetSchoolBalanceQueryHandler } from './get-school-balance.query-handler';
import { PersonsController } from './persons.controller';
import { SchoolBalancesController } from './school-balances.controller';

/** Balances as of a date and as known at a time: enterprises, persons (R-SEAT-5), schools; R-SEAT-7 compliance and the Art. 13 record. */
@Module({
  imports: [LedgerCoreModule],
  controllers: [EnterpriseBalancesController, PersonsController, SchoolBalancesController],
  providers: [
    GetComplianceQueryHandler,
    GetEnterpriseBalanceQueryHandler,
    GetEnterprisePerformanceQueryHandler,
    GetPersonCapQueryHandler,
    GetSchoolBalanceQueryHandler,
  ],
})
export class BalancesModule {}
