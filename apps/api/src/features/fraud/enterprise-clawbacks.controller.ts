import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCreditCodeParam } from '../../platform/openapi/api-fields.decorators';
import { EnterpriseAgeingDto } from './fraud.responses.dto';
import { LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { AsOfQueryDto } from '../../ledger-core/query.dto';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { GetClawbackAgeingQuery } from './get-clawback-ageing.query-handler';

/**
 * One enterprise's outstanding clawbacks by age (R-FRAUD).
 *
 * The operationIds and the tag are those published before the API was split into
 * feature modules (client generators name methods after them), so they stay.
 */
@ApiTags('Seat subsidy')
@Controller('v1/enterprises')
export class EnterpriseClawbacksController {
  constructor(
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Get(':id/clawbacks/ageing')
  @Roles('finance', 'supervisor', 'auditor')
  @LedgerQuery({
    operationId: 'EnterprisesController_clawbackAgeing',
    summary: 'Outstanding clawbacks as of a date: 0-30, 31-90, 91-365, over 365 days',
    response: EnterpriseAgeingDto,
    errors: [404],
  })
  @ApiCreditCodeParam('id', 'The enterprise: its unified social credit code')
  clawbackAgeing(
    @CurrentActor() actor: Actor,
    @Param('id') enterpriseId: string,
    @Query() q: AsOfQueryDto,
  ) {
    return this.queries.execute(
      new GetClawbackAgeingQuery(
        actor,
        enterpriseId,
        q.asOf ?? this.contexts.today(),
        q.minPosition,
      ),
    );
  }
}
