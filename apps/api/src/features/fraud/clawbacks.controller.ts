import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AgeingListDto } from './fraud.responses.dto';
import { LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { Roles } from '../../platform/auth/auth.decorators';
import { AgeingListQueryDto } from './fraud.dto';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { ListClawbackAgeingQuery } from './list-clawback-ageing.query-handler';

@ApiTags('Fraud cases and clawbacks')
@Controller('v1/clawbacks')
export class ClawbacksController {
  constructor(
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Get('ageing')
  @Roles('finance', 'supervisor', 'auditor')
  @LedgerQuery({
    summary:
      'Every enterprise (or school, party=school) with clawbacks outstanding as of a date: ' +
      '0-30, 31-90, 91-365, over 365 days',
    response: AgeingListDto,
  })
  ageing(@Query() q: AgeingListQueryDto) {
    return this.queries.execute(
      new ListClawbackAgeingQuery(
        q.asOf ?? this.contexts.today(),
        q.limit,
        q.after,
        q.minPosition,
        q.party,
      ),
    );
  }
}
