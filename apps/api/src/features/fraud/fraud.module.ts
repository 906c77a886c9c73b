import { Module } from '@nestjs/common';
import { LedgerCoreModule } from '../../ledger-core/ledger-core.module';
import { CasesController } from './cases.controller';
import { ClawbacksController } from './clawbacks.controller';
import { CloseCaseCommandHandler } from './close-case.command-handler';
import { DuplicateClaimsController } from './duplicate-claims.controller';
import { EnterpriseClawbacksController } from './enterprise-clawbacks.controller';
import { GetCaseTraceQueryHandler } from './get-case-trace.query-handler';
import { GetClawbackAgeingQueryHandler } from './get-clawback-ageing.query-handler';
import { ListClawbackAgeingQueryHandler } from './list-clawback-ageing.query-handler';
import { ListDuplicateClaimsQueryHandler } from './list-duplicate-claims.query-handler';
import { OpenCaseCommandHandler } from './open-case.command-handler';
import { RecordFindingCommandHandler } from './record-finding.command-handler';
import { RecordRecoveryCommandHandler } from './record-recovery.command-handler';
import { GetSchoolClawbackAgeingQueryHandler } from './get-school-clawback-ageing.query-handler';
import { SchoolClawbacksController } from './school-clawbacks.controller';

/**
 * Fraud cases (R-FRAUD) against enterprises and schools: findings,
 * recoveries, closure, clawback ageing, duplicate-claim leads.
 */
@Module({
  imports: [LedgerCoreModule],
  controllers: [
    CasesController,
    ClawbacksController,
    DuplicateClaimsController,
    EnterpriseClawbacksController,
    SchoolClawbacksController,
  ],
  providers: [
    CloseCaseCommandHandler,
    GetCaseTraceQueryHandler,
    GetClawbackAgeingQueryHandler,
    GetSchoolClawbackAgeingQueryHandler,
    ListClawbackAgeingQueryHandler,
    ListDuplicateClaimsQueryHandler,
    OpenCaseCommandHandler,
    RecordFindingCommandHandler,
    RecordRecoveryCommandHandler,
  ],
})
export class FraudModule {}
