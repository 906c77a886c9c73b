import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCreditCodeParam } from '../../platform/openapi/api-fields.decorators';
import { SchoolAgeingDto } from './fraud.responses.dto';
import { LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { AsOfQueryDto } from '../../ledger-core/query.dto';
import { Roles } from '../../platform/auth/auth.decorators';
import { GetSchoolClawbackAgeingQuery } from './get-school-clawback-ageing.query-handler';

/** One school's outstanding clawbacks by age (R-FRAUD: cases against schools). */
@ApiTags('Fraud cases and clawbacks')
@Controller('v1/schools')
export class SchoolClawbacksController {
  constructor(
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Get(':id/clawbacks/ageing')
  @Roles('finance', 'supervisor', 'auditor')
  @LedgerQuery({
    summary: "A school's outstanding clawbacks as of a date: 0-30, 31-90, 91-365, over 365 days",
    response: SchoolAgeingDto,
    errors: [404],
  })
  @ApiCreditCodeParam('id', 'The school: its unified social credit code')
  clawbackAgeing(@Param('id') schoolId: string, @Query() q: AsOfQueryDto) {
    return this.queries.execute(
      new GetSchoolClawbackAgeingQuery(schoolId, q.asOf ?? this.contexts.today(), q.minPosition),
    );
  }
}
