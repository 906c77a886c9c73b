import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DisbursementReturnedResultDto, DisbursementViewDto } from './payments.responses.dto';
import { LedgerCommand, LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { Actor } from '../../platform/auth/actor';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { ReturnDisbursementDto } from './payments.dto';
import { ReturnDisbursementCommand } from './return-disbursement.command-handler';
import { MinPositionDto } from '../../ledger-core/query.dto';
import { GetDisbursementQuery } from './get-disbursement.query-handler';

@ApiTags('Fraud cases and clawbacks')
@Controller('v1/disbursements')
export class DisbursementsController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Get(':id')
  @Roles('finance', 'supervisor', 'auditor')
  @LedgerQuery({
    summary: 'A payment, with `reversedBy`: the cases that made it due back',
    response: DisbursementViewDto,
    errors: [404],
  })
  get(@Param('id') disbursementId: string, @Query() q: MinPositionDto) {
    return this.queries.execute(new GetDisbursementQuery(disbursementId, q.minPosition));
  }

  @Post(':id/return')
  @Roles('finance')
  @LedgerCommand({
    summary:
      'ReturnDisbursement (退票): the bank sent the payment back; the tranche is payable again (R-PAY once, R-DATE)',
    response: DisbursementReturnedResultDto,
    errors: [404, 409, 422],
  })
  async returnPayment(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') disbursementId: string,
    @Body() body: ReturnDisbursementDto,
  ) {
    this.contexts.assertNotFuture({ returnedOn: body.returnedOn });
    const { result, position } = await this.commands.execute(
      new ReturnDisbursementCommand(this.contexts.create(actor, key), disbursementId, body),
    );
    return { ...result, position };
  }
}
