import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCreditCodeParam } from '../../platform/openapi/api-fields.decorators';
import { SchoolBalanceDto } from './balances.responses.dto';
import { LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { BalanceQueryDto } from './balances.dto';
import { GetSchoolBalanceQuery } from './get-school-balance.query-handler';

/**
 * A school's internship rewards approved and paid (R-INT).
 *
 * The operationIds and the tag are those published before the API was split into
 * feature modules (client generators name methods after them), so they stay.
 */
@ApiTags('Internship rewards')
@Controller('v1/schools')
export class SchoolBalancesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Get(':id/balance')
  @Roles('applicant', 'reviewer', 'finance', 'supervisor', 'auditor')
  @LedgerQuery({
    operationId: 'SchoolsController_balance',
    summary: "A school's internship rewards approved and paid, as of a date and as known at a time",
    response: SchoolBalanceDto,
    errors: [404],
  })
  @ApiCreditCodeParam('id', 'The school: its unified social credit code')
  balance(
    @CurrentActor() actor: Actor,
    @Param('id') schoolId: string,
    @Query() q: BalanceQueryDto,
  ) {
    return this.queries.execute(
      new GetSchoolBalanceQuery(
        actor,
        schoolId,
        q.asOf ?? this.contexts.today(),
        q.asKnownAt,
        q.minPosition,
      ),
    );
  }
}
