import { Module } from '@nestjs/common';
import { LedgerCoreModule } from '../../ledger-core/ledger-core.module';
import { ListWorkQueryHandler } from './list-work.query-handler';
import { WorkListsController } from './work-lists.controller';

/** Work lists (issue #13, ADR 0017): paged, filtered lists from the read models. */
@Module({
  imports: [LedgerCoreModule],
  controllers: [WorkListsController],
  providers: [ListWorkQueryHandler],
})
export class WorkListsModule {}
