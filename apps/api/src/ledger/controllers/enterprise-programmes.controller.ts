import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { ConfirmSpecialTermsCommand } from '../commands/confirm-special-terms.command-handler';
import { ProposeSpecialTermsCommand } from '../commands/propose-special-terms.command-handler';
import { RecognizeEffectiveSeatsCommand } from '../commands/recognize-effective-seats.command-handler';
import {
  AsOfDateQueryDto,
  ConfirmSpecialTermsDto,
  ProposeSpecialTermsDto,
  RecognizeEffectiveSeatsDto,
} from '../dto/site-and-internship.dto';
import { MinPositionDto } from '../dto/seat-subsidy.dto';
import { CommandContextFactory } from '../infrastructure/command-context.factory';
import { PersonKeyService } from '../infrastructure/person-key.service';
import { GetEffectiveSeatsQuery } from '../queries/get-effective-seats.query-handler';
import { ListSpecialTermsQuery } from '../queries/list-special-terms.query-handler';

/** An enterprise's effective seats (R-EFF) and special terms (R-SPECIAL), issue #7. */
@ApiTags('Effective seats and special terms')
@Controller('v1/enterprises')
export class EnterpriseProgrammesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
    private readonly persons: PersonKeyService,
  ) {}

  @Post(':id/effective-seats')
  @HttpCode(200)
  @Roles('reviewer')
  @ApiOperation({
    summary:
      'R-EFF: recognise effective seats (12+ months by at most 3 occupants in turn, one employer a month); the whole roster on a date',
  })
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
  @ApiOperation({
    summary:
      "R-EFF: the enterprise's effective-seat count on a date (the latest recognition on or before it)",
  })
  effectiveSeats(
    @CurrentActor() actor: Actor,
    @Param('id') enterpriseId: string,
    @Query() q: AsOfDateQueryDto,
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

  @Post(':id/special-terms')
  @Roles('reviewer')
  @ApiOperation({
    summary:
      'R-SPECIAL: propose special terms (document, basis, overridden parameters, validity); in force once finance confirms',
  })
  async proposeSpecialTerms(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') enterpriseId: string,
    @Body() body: ProposeSpecialTermsDto,
  ) {
    const proposedOn = body.proposedOn ?? this.contexts.today();
    this.contexts.assertNotFuture({ proposedOn });
    const { result, position } = await this.commands.execute(
      new ProposeSpecialTermsCommand(this.contexts.create(actor, key), {
        enterpriseId,
        termsId: randomUUID(),
        documentRef: body.documentRef,
        basis: body.basis,
        overrides: body.overrides,
        validFrom: body.validFrom,
        validTo: body.validTo,
        proposedOn,
        note: body.note ?? '',
      }),
    );
    return { ...result, position };
  }

  @Post(':id/special-terms/:termsId/confirmation')
  @HttpCode(200)
  @Roles('finance')
  @ApiOperation({
    summary: 'R-SPECIAL: confirm special terms; the actor who proposed them may not (403)',
  })
  async confirmSpecialTerms(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') enterpriseId: string,
    @Param('termsId') termsId: string,
    @Body() body: ConfirmSpecialTermsDto,
  ) {
    const confirmedOn = body.confirmedOn ?? this.contexts.today();
    this.contexts.assertNotFuture({ confirmedOn });
    const { result, position } = await this.commands.execute(
      new ConfirmSpecialTermsCommand(this.contexts.create(actor, key), enterpriseId, {
        termsId,
        confirmedOn,
      }),
    );
    return { ...result, position };
  }

  @Get(':id/special-terms')
  @Roles('applicant', 'reviewer', 'finance', 'supervisor', 'auditor')
  @ApiOperation({ summary: "R-SPECIAL: the enterprise's special terms, proposed and confirmed" })
  specialTerms(
    @CurrentActor() actor: Actor,
    @Param('id') enterpriseId: string,
    @Query() q: MinPositionDto,
  ) {
    return this.queries.execute(new ListSpecialTermsQuery(actor, enterpriseId, q.minPosition));
  }
}
