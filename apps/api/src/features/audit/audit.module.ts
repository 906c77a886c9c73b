import { Module } from '@nestjs/common';
import { LedgerCoreModule } from '../../ledger-core/ledger-core.module';
import { AuditController } from './audit.controller';
import {
  GetAuditEventsQueryHandler,
  ListAuditEventsQueryHandler,
} from './get-audit-events.query-handler';
import { VerificationRunsService } from './verification-runs.service';
import { VerificationsController } from './verifications.controller';

/** The event log for auditors (ADR 0007) and `verify` run from the API (issue #13). */
@Module({
  imports: [LedgerCoreModule],
  controllers: [AuditController, VerificationsController],
  providers: [GetAuditEventsQueryHandler, ListAuditEventsQueryHandler, VerificationRunsService],
})
export class AuditModule {}
