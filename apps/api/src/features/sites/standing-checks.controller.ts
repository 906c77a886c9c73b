import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCreditCodeParam } from '../../platform/openapi/api-fields.decorators';
import { StandingCheckResultDto } from './sites.responses.dto';
import { LedgerCommand } from '../../platform/openapi/ledger-operation.decorators';
import { randomUUID } from 'node:crypto';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { RecordStandingCheckCommand } from './record-standing-check.command-handler';
import { RecordStandingCheckDto } from './standing-checks.dto';

/** R-SITE-COND: the standing checks every site tranche is approved on. */
@ApiTags('Effective seats and special terms')
@Controller('v1/enterprises')
export class StandingChecksController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post(':id/standing-checks')
  @Roles('reviewer')
  @LedgerCommand({
    summary:
      'R-SITE-COND: record a check of the enterprise (normal operation, bad credit record, source); a site tranche needs the latest on or before its date to be good',
    response: StandingCheckResultDto,
    errors: [404],
  })
  @ApiCreditCodeParam('id', 'The enterprise: its unified social credit code')
  async record(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') enterpriseId: string,
    @Body() body: RecordStandingCheckDto,
  ) {
    this.contexts.assertNotFuture({ checkedOn: body.checkedOn });
    const { result, position } = await this.commands.execute(
      new RecordStandingCheckCommand(this.contexts.create(actor, key), {
        enterpriseId,
        checkId: randomUUID(),
        ...body,
      }),
    );
    return { ...result, position };
  }
}
