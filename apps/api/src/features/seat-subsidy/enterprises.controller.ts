import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCreditCodeParam } from '../../platform/openapi/api-fields.decorators';
import { FundUseResultDto, RegisterEnterpriseResultDto } from './seat-subsidy.responses.dto';
import { LedgerCommand } from '../../platform/openapi/ledger-operation.decorators';
import { PositionDto } from '../../ledger-core/shared-responses.dto';
import { randomUUID } from 'node:crypto';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { assertOwnEnterprise } from '../../platform/auth/ownership';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { RegisterEnterpriseCommand } from './register-enterprise.command-handler';
import { ReportFundUseCommand } from './report-fund-use.command-handler';
import { RegisterEnterpriseDto, ReportFundUseDto, VerifySeatCountDto } from './seat-subsidy.dto';
import { VerifySeatCountCommand } from './verify-seat-count.command-handler';

/**
 * Enterprises: registration, verified seat counts (R-SEAT-8), and their
 * R-SEAT-7 reports on the use of the seat subsidy.
 */
@ApiTags('Seat subsidy')
@Controller('v1/enterprises')
export class EnterprisesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post()
  @Roles('reviewer')
  @LedgerCommand({
    summary: 'Register an enterprise (enterpriseId = creditCode)',
    response: RegisterEnterpriseResultDto,
  })
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

  @Post(':id/seat-counts')
  @Roles('reviewer')
  @LedgerCommand({
    summary:
      'R-SEAT-8: record the seats an inspection found; from verifiedOn they replace the declared count (for R-SEAT-8 and R-SEAT-1)',
    response: PositionDto,
    errors: [404, 422],
  })
  @ApiCreditCodeParam('id', 'The enterprise: its unified social credit code')
  async verifySeatCount(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') enterpriseId: string,
    @Body() body: VerifySeatCountDto,
  ) {
    this.contexts.assertNotFuture({ verifiedOn: body.verifiedOn });
    const { position } = await this.commands.execute(
      new VerifySeatCountCommand(this.contexts.create(actor, key), enterpriseId, { ...body }),
    );
    return { position };
  }

  @Post(':id/fund-uses')
  @Roles('applicant')
  @LedgerCommand({
    summary: 'R-SEAT-7: report spending on staff education and on the rest',
    response: FundUseResultDto,
    errors: [404, 422],
  })
  @ApiCreditCodeParam('id', 'The enterprise: its unified social credit code')
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
}
