import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { RecordDisbursementCommand } from './record-disbursement.command-handler';
import { RecordDisbursementDto } from './payments.dto';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';

@ApiTags('Seat subsidy')
@Controller('v1/tranches')
export class TranchesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post(':id/disbursements')
  @Roles('finance')
  @ApiOperation({
    summary: 'RecordDisbursement: R-PUB, R-PAY, R-SEAT-4, R-SOD; bank reference once',
  })
  async disburse(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') trancheId: string,
    @Body() body: RecordDisbursementDto,
  ) {
    this.contexts.assertNotFuture({ paidOn: body.paidOn });
    const { result, position } = await this.commands.execute(
      new RecordDisbursementCommand(this.contexts.create(actor, key), {
        disbursementId: randomUUID(),
        trancheId,
        ...body,
      }),
    );
    return { ...result, position };
  }
}
