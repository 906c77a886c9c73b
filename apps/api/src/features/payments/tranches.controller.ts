import { Body, Controller, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { RecordDisbursementResultDto } from './payments.responses.dto';
import { LedgerCommand } from '../../platform/openapi/ledger-operation.decorators';
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
  @LedgerCommand({
    summary: 'RecordDisbursement: R-PUB, R-PAY, R-SEAT-4, R-SOD; bank reference once',
    response: RecordDisbursementResultDto,
    errors: [404, 422, 423],
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
