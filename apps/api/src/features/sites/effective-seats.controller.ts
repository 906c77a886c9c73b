import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCreditCodeParam } from '../../platform/openapi/api-fields.decorators';
import { EffectiveSeatsViewDto, RecognitionResultDto } from './sites.responses.dto';
import { LedgerCommand, LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { randomUUID } from 'node:crypto';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { PersonKeyService } from '../../ledger-core/person-key.service';
import { AsOfQueryDto } from '../../ledger-core/query.dto';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { RecognizeEffectiveSeatsDto } from './effective-seats.dto';
import { GetEffectiveSeatsQuery } from './get-effective-seats.query-handler';
import { RecognizeEffectiveSeatsCommand } from './recognize-effective-seats.command-handler';

/**
 * An enterprise's effective seats (R-EFF): what lease subsidies are counted in.
 *
 * The operationIds and the tag are those published before the API was split into
 * feature modules (client generators name methods after them), so they stay.
 */
@ApiTags('Effective seats and special terms')
@Controller('v1/enterprises')
export class EffectiveSeatsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
    private readonly persons: PersonKeyService,
  ) {}

  @Post(':id/effective-seats')
  @HttpCode(200)
  @Roles('reviewer')
  @LedgerCommand({
    operationId: 'EnterpriseProgrammesController_recognize',
    summary:
      'R-EFF: recognise effective seats (12+ months by at most 3 occupants in turn, one employer a month); the whole roster on a date',
    response: RecognitionResultDto,
    status: 200,
    errors: [404, 422],
  })
  @ApiCreditCodeParam('id', 'The enterprise: its unified social credit code')
  async recognize(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') enterpriseId: string,
    @Body() body: RecognizeEffectiveSeatsDto,
  ) {
    this.contexts.assertNotFuture({ recognizedOn: body.recognizedOn });
    body.seats.forEach((seat, i) =>
      seat.occupants.forEach((o, j) => {
        const field = `seats.${i}.occupants.${j}`;
        this.contexts.assertMonthsNotFuture(`${field}.wageMonths`, o.wageMonths);
        this.contexts.assertMonthsNotFuture(`${field}.insuranceMonths`, o.insuranceMonths);
      }),
    );
    const { result, position } = await this.commands.execute(
      new RecognizeEffectiveSeatsCommand(this.contexts.create(actor, key), {
        recognitionId: randomUUID(),
        enterpriseId,
        recognizedOn: body.recognizedOn,
        seats: body.seats.map((seat) => ({
          seatRef: seat.seatRef,
          occupants: seat.occupants.map((o) => ({
            ...this.persons.refOf(o.personId),
            personId: o.personId.toUpperCase(),
            name: o.name,
            wageMonths: o.wageMonths,
            insuranceMonths: o.insuranceMonths,
          })),
        })),
      }),
    );
    return { ...result, position };
  }

  @Get(':id/effective-seats')
  @Roles('applicant', 'reviewer', 'finance', 'supervisor', 'auditor')
  @LedgerQuery({
    operationId: 'EnterpriseProgrammesController_effectiveSeats',
    summary:
      "R-EFF: the enterprise's effective-seat count on a date (the latest recognition on or before it)",
    response: EffectiveSeatsViewDto,
    errors: [404],
  })
  @ApiCreditCodeParam('id', 'The enterprise: its unified social credit code')
  effectiveSeats(
    @CurrentActor() actor: Actor,
    @Param('id') enterpriseId: string,
    @Query() q: AsOfQueryDto,
  ) {
    return this.queries.execute(
      new GetEffectiveSeatsQuery(
        actor,
        enterpriseId,
        q.asOf ?? this.contexts.today(),
        q.minPosition,
      ),
    );
  }
}
