import { Body, Controller, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { RegisterSchoolResultDto } from './internships.responses.dto';
import { LedgerCommand } from '../../platform/openapi/ledger-operation.decorators';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { RegisterSchoolDto } from './internships.dto';
import { RegisterSchoolCommand } from './register-school.command-handler';

/** Schools that send interns (R-INT, Art. 6(2)). */
@ApiTags('Internship rewards')
@Controller('v1/schools')
export class SchoolsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post()
  @Roles('reviewer')
  @LedgerCommand({
    summary: 'Register a school (schoolId = its unified social credit code)',
    response: RegisterSchoolResultDto,
  })
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
}
