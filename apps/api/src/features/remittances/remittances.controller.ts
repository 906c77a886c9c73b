import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { LedgerCommand, LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { ListRemittancesQuery } from './list-remittances.query-handler';
import { RecordRemittanceCommand } from './record-remittance.command-handler';
import {
  RecordRemittanceDto,
  RemittanceRecordedDto,
  RemittancesDto,
  RemittancesQueryDto,
} from './remittances.dto';

/** Recovered money remitted to the treasury (缴库, issue #14). */
@ApiTags('Money to the bank and back')
@Controller('v1/remittances')
export class RemittancesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post()
  @Roles('finance')
  @LedgerCommand({
    summary:
      'Record recovered money remitted to the treasury (缴库) with its reference; more than recovered in the year and not yet remitted is 422 R-FRAUD; a reference twice is 409',
    response: RemittanceRecordedDto,
    errors: [422],
  })
  async record(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Body() body: RecordRemittanceDto,
  ): Promise<RemittanceRecordedDto> {
    this.contexts.assertNotFuture({ remittedOn: body.remittedOn });
    const { result, position } = await this.commands.execute(
      new RecordRemittanceCommand(this.contexts.create(actor, key), {
        remittanceId: randomUUID(),
        ...body,
      }),
    );
    return { ...result, position };
  }

  @Get()
  @Roles('finance', 'auditor', 'supervisor')
  @LedgerQuery({
    summary: "The fiscal year's recoveries: recovered, remitted, and recovered not yet remitted",
    response: RemittancesDto,
  })
  list(@Query() q: RemittancesQueryDto): Promise<RemittancesDto> {
    return this.queries.execute(new ListRemittancesQuery(q.fiscalYear, q.minPosition));
  }
}
