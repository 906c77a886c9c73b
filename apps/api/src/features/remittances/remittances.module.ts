import { Module } from '@nestjs/common';
import { LedgerCoreModule } from '../../ledger-core/ledger-core.module';
import { ListRemittancesQueryHandler } from './list-remittances.query-handler';
import { RecordRemittanceCommandHandler } from './record-remittance.command-handler';
import { RemittancesController } from './remittances.controller';

/** Remittance of recovered money to the treasury (issue #14). */
@Module({
  imports: [LedgerCoreModule],
  controllers: [RemittancesController],
  providers: [ListRemittancesQueryHandler, RecordRemittanceCommandHandler],
})
export class RemittancesModule {}
