import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { RegisterEnterpriseCommand } from '../commands/register-enterprise.command-handler';
import { BalanceQueryDto, RegisterEnterpriseDto } from '../dto/seat-subsidy.dto';
import { CommandContextFactory } from '../infrastructure/command-context.factory';
import { GetEnterpriseBalanceQuery } from '../queries/get-enterprise-balance.query-handler';

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
}
