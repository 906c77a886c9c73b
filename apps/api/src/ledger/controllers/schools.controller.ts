import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { RegisterSchoolCommand } from '../commands/register-school.command-handler';
import { RegisterSchoolDto, SchoolBalanceQueryDto } from '../dto/site-and-internship.dto';
import { CommandContextFactory } from '../infrastructure/command-context.factory';
import { GetSchoolBalanceQuery } from '../queries/get-school-balance.query-handler';

/** Schools that send interns (R-INT, Art. 6(2)), issue #7. */
@ApiTags('Internship rewards')
@Controller('v1/schools')
export class SchoolsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post()
  @Roles('reviewer')
  @ApiOperation({ summary: 'Register a school (schoolId = its unified social credit code)' })
  async register(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Body() body: RegisterSchoolDto,
  ) {
    const registeredOn = body.registeredOn ?? this.contexts.today();
    this.contexts.assertNotFuture({ registeredOn });
    const { result, position } = await this.commands.execute(
      new RegisterSchoolCommand(this.contexts.create(actor, key), {
        schoolId: body.schoolId,
        name: body.name,
        registeredOn,
      }),
    );
    return { ...result, position };
  }

  @Get(':id/balance')
  @Roles('applicant', 'reviewer', 'finance', 'supervisor', 'auditor')
  @ApiOperation({
    summary: "A school's internship rewards approved and paid, as of a date and as known at a time",
  })
  balance(
    @CurrentActor() actor: Actor,
    @Param('id') schoolId: string,
    @Query() q: SchoolBalanceQueryDto,
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
