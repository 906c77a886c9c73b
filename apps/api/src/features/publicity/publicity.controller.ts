import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  OpenPublicityResultDto,
  PublicityViewDto,
  RaiseObjectionResultDto,
  ResolveObjectionResultDto,
} from './publicity.responses.dto';
import { LedgerCommand, LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { randomUUID } from 'node:crypto';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Public, Roles } from '../../platform/auth/auth.decorators';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { OpenPublicityCommand } from './open-publicity.command-handler';
import { RaiseObjectionCommand } from './raise-objection.command-handler';
import { ResolveObjectionCommand } from './resolve-objection.command-handler';
import { MinPositionDto } from '../../ledger-core/query.dto';
import { OpenPublicityDto, RaiseObjectionDto, ResolveObjectionDto } from './publicity.dto';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { GetPublicityQuery } from './get-publicity.query-handler';

@ApiTags('Publicity')
@Controller('v1/publicity')
export class PublicityController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post()
  @Roles('reviewer')
  @LedgerCommand({
    summary:
      'Publish tranches for at least 7 days before payment (R-PUB); publishedAt names where the notice is posted',
    response: OpenPublicityResultDto,
    errors: [404, 422],
  })
  async open(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Body() body: OpenPublicityDto,
  ) {
    // A notice may be scheduled to end in the future; it must start by today.
    this.contexts.assertNotFuture({ startsOn: body.startsOn });
    const { result, position } = await this.commands.execute(
      new OpenPublicityCommand(this.contexts.create(actor, key), {
        publicityId: randomUUID(),
        ...body,
      }),
    );
    return { ...result, position };
  }

  @Get(':id')
  @Public()
  @LedgerQuery({
    summary:
      'The public notice: names, masked ID numbers, programme, standard and amount of each entry; ID numbers in free text masked',
    response: PublicityViewDto,
    errors: [404],
  })
  get(@Param('id') publicityId: string, @Query() q: MinPositionDto) {
    return this.queries.execute(new GetPublicityQuery(publicityId, q.minPosition));
  }

  @Post(':id/objections')
  @Roles('reviewer')
  @LedgerCommand({
    summary: 'Record an objection to a notice, to one claim or to the whole list',
    response: RaiseObjectionResultDto,
    errors: [404, 422],
  })
  async object(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') publicityId: string,
    @Body() body: RaiseObjectionDto,
  ) {
    this.contexts.assertNotFuture({ raisedOn: body.raisedOn });
    const { result, position } = await this.commands.execute(
      new RaiseObjectionCommand(this.contexts.create(actor, key), publicityId, {
        objectionId: randomUUID(),
        ...body,
      }),
    );
    return { ...result, position };
  }

  @Post(':id/objections/:objectionId/resolution')
  @HttpCode(200)
  @Roles('reviewer')
  @LedgerCommand({
    summary: 'Uphold or dismiss an objection; upheld on a claim takes it out of its tranche',
    response: ResolveObjectionResultDto,
    status: 200,
    errors: [404, 422],
  })
  async resolve(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') publicityId: string,
    @Param('objectionId') objectionId: string,
    @Body() body: ResolveObjectionDto,
  ) {
    this.contexts.assertNotFuture({ resolvedOn: body.resolvedOn });
    const { result, position } = await this.commands.execute(
      new ResolveObjectionCommand(this.contexts.create(actor, key), publicityId, {
        objectionId,
        ...body,
      }),
    );
    return { ...result, position };
  }
}
