import { Module } from '@nestjs/common';
import { LedgerCoreModule } from '../../ledger-core/ledger-core.module';
import { AuditController } from './audit.controller';
import { GetAuditEventsQueryHandler } from './get-audit-events.query-handler';

/** The event log for auditors (ADR 0007). */
@Module({
  imports: [LedgerCoreModule],
  controllers: [AuditController],
  providers: [GetAuditEventsQueryHandler],
})
export class AuditModule {}
