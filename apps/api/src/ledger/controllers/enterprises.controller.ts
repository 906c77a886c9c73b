import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { assertOwnEnterprise } from '../../platform/auth/ownership';
import { RegisterEnterpriseCommand } from '../commands/register-enterprise.command-handler';
import { ReportFundUseCommand } from '../commands/report-fund-use.command-handler';
import { AsOfQueryDto, ReportFundUseDto } from '../dto/fraud.dto';
import { BalanceQueryDto, RegisterEnterpriseDto } from '../dto/seat-subsidy.dto';
import { CommandContextFactory } from '../infrastructure/command-context.factory';
import { GetClawbackAgeingQuery } from '../queries/get-clawback-ageing.query-handler';
import { GetComplianceQuery } from '../queries/get-compliance.query-handler';
import { GetEnterpriseBalanceQuery } from '../queries/get-enterprise-balance.query-handler';
import { GetEnterprisePerformanceQuery } from '../queries/get-enterprise-performance.query-handler';

@ApiTags('Seat subsidy')
@Controller('v1/enterprises')
export class EnterprisesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post()
  @Roles('reviewer')
  @ApiOperation({ summary: 'Register an enterprise (enterpriseId = creditCode)' })
  async register(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Body() body: RegisterEnterpriseDto,
  ) {
    const registeredOn = body.registeredOn ?? this.contexts.today();
    this.contexts.assertNotFuture({ registeredOn });
    const { result, position } = await this.commands.execute(
      new RegisterEnterpriseCommand(this.contexts.create(actor, key), {
        enterpriseId: body.creditCode,
        name: body.name,
        industry: body.industry,
        seats: body.seats,
        registeredOn,
      }),
    );
    return { ...result, position };
  }

  @Get(':id/balance')
  @Roles('applicant', 'reviewer', 'finance', 'supervisor', 'auditor')
  @ApiOperation({
    summary: 'Balance per programme as of a business date (and as known at a recorded time)',
  })
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

  @Post(':id/fund-uses')
  @Roles('applicant')
  @ApiOperation({ summary: 'R-SEAT-7: report spending on staff education and on the rest' })
  async reportFundUse(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') enterpriseId: string,
    @Body() body: ReportFundUseDto,
  ) {
    assertOwnEnterprise(actor, enterpriseId);
    this.contexts.assertNotFuture({ reportedOn: body.reportedOn });
    const { result, position } = await this.commands.execute(
      new ReportFundUseCommand(this.contexts.create(actor, key), {
        enterpriseId,
        reportId: randomUUID(),
        ...body,
      }),
    );
    return { ...result, position };
  }

  @Get(':id/compliance')
  @Roles('reviewer', 'finance', 'supervisor', 'auditor', 'applicant')
  @ApiOperation({
    summary: 'R-SEAT-7: seat subsidy received vs. education spending; flagged below 20 %',
  })
  compliance(
    @CurrentActor() actor: Actor,
    @Param('id') enterpriseId: string,
    @Query() q: AsOfQueryDto,
  ) {
    return this.queries.execute(
      new GetComplianceQuery(actor, enterpriseId, q.asOf ?? this.contexts.today(), q.minPosition),
    );
  }

  @Get(':id/clawbacks/ageing')
  @Roles('finance', 'supervisor', 'auditor')
  @ApiOperation({
    summary: 'Outstanding clawbacks as of a date: 0-30, 31-90, 91-365, over 365 days',
  })
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

  @Get(':id/performance')
  @Roles('reviewer', 'supervisor', 'finance', 'auditor')
  @ApiOperation({
    summary: 'Art. 13: cases upheld, false claims, amounts due and recovered, compliance',
  })
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
