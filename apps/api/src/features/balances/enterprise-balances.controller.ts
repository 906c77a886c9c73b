import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCreditCodeParam } from '../../platform/openapi/api-fields.decorators';
import { ComplianceDto, EnterpriseBalanceDto, PerformanceDto } from './balances.responses.dto';
import { LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { AsOfQueryDto } from '../../ledger-core/query.dto';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { BalanceQueryDto } from './balances.dto';
import { GetComplianceQuery } from './get-compliance.query-handler';
import { GetEnterpriseBalanceQuery } from './get-enterprise-balance.query-handler';
import { GetEnterprisePerformanceQuery } from './get-enterprise-performance.query-handler';

/**
 * An enterprise's balance per programme, R-SEAT-7 compliance and Art. 13 record.
 *
 * The operationIds and the tag are those published before the API was split into
 * feature modules (client generators name methods after them), so they stay.
 */
@ApiTags('Seat subsidy')
@Controller('v1/enterprises')
export class EnterpriseBalancesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Get(':id/balance')
  @Roles('applicant', 'reviewer', 'finance', 'supervisor', 'auditor')
  @LedgerQuery({
    operationId: 'EnterprisesController_balance',
    summary: 'Balance per programme as of a business date (and as known at a recorded time)',
    response: EnterpriseBalanceDto,
    errors: [404],
  })
  @ApiCreditCodeParam('id', 'The enterprise: its unified social credit code')
  balance(
    @CurrentActor() actor: Actor,
    @Param('id') enterpriseId: string,
    @Query() q: BalanceQueryDto,
  ) {
    return this.queries.execute(
      new GetEnterpriseBalanceQuery(
        actor,
        enterpriseId,
        q.asOf ?? this.contexts.today(),
        q.asKnownAt,
        q.minPosition,
      ),
    );
  }

  @Get(':id/compliance')
  @Roles('reviewer', 'finance', 'supervisor', 'auditor', 'applicant')
  @LedgerQuery({
    operationId: 'EnterprisesController_compliance',
    summary: 'R-SEAT-7: seat subsidy received vs. education spending; flagged below 20 %',
    response: ComplianceDto,
    errors: [404],
  })
  @ApiCreditCodeParam('id', 'The enterprise: its unified social credit code')
  compliance(
    @CurrentActor() actor: Actor,
    @Param('id') enterpriseId: string,
    @Query() q: AsOfQueryDto,
  ) {
    return this.queries.execute(
      new GetComplianceQuery(actor, enterpriseId, q.asOf ?? this.contexts.today(), q.minPosition),
    );
  }

  @Get(':id/performance')
  @Roles('reviewer', 'supervisor', 'finance', 'auditor')
  @LedgerQuery({
    operationId: 'EnterprisesController_performance',
    summary: 'Art. 13: cases upheld, false claims, amounts due and recovered, compliance',
    response: PerformanceDto,
    errors: [404],
  })
  @ApiCreditCodeParam('id', 'The enterprise: its unified social credit code')
  performance(@Param('id') enterpriseId: string, @Query() q: AsOfQueryDto) {
    return this.queries.execute(
      new GetEnterprisePerformanceQuery(
        enterpriseId,
        q.asOf ?? this.contexts.today(),
        q.minPosition,
      ),
    );
  }
}
