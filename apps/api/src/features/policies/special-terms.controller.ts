import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { ApiCreditCodeParam } from '../../platform/openapi/api-fields.decorators';
import { SpecialTermsListDto, SpecialTermsResultDto } from './policies.responses.dto';
import { LedgerCommand, LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { randomUUID } from 'node:crypto';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { MinPositionDto } from '../../ledger-core/query.dto';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { ConfirmSpecialTermsCommand } from './confirm-special-terms.command-handler';
import { ListSpecialTermsQuery } from './list-special-terms.query-handler';
import { ProposeSpecialTermsCommand } from './propose-special-terms.command-handler';
import { ConfirmSpecialTermsDto, ProposeSpecialTermsDto } from './special-terms.dto';

/**
 * An enterprise's special terms (R-SPECIAL, Art. 14): proposed, confirmed by another actor.
 *
 * The operationIds and the tag are those published before the API was split into
 * feature modules (client generators name methods after them), so they stay.
 */
@ApiTags('Effective seats and special terms')
@Controller('v1/enterprises')
export class SpecialTermsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post(':id/special-terms')
  @Roles('reviewer')
  @LedgerCommand({
    operationId: 'EnterpriseProgrammesController_proposeSpecialTerms',
    summary:
      'R-SPECIAL: propose special terms (document, basis, overridden parameters, validity); in force once finance confirms',
    response: SpecialTermsResultDto,
    errors: [404, 422],
  })
  @ApiCreditCodeParam('id', 'The enterprise: its unified social credit code')
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
  @LedgerCommand({
    operationId: 'EnterpriseProgrammesController_confirmSpecialTerms',
    summary: 'R-SPECIAL: confirm special terms; the actor who proposed them may not (403)',
    response: SpecialTermsResultDto,
    status: 200,
    errors: [404, 422],
  })
  @ApiCreditCodeParam('id', 'The enterprise: its unified social credit code')
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
  @LedgerQuery({
    operationId: 'EnterpriseProgrammesController_specialTerms',
    summary: "R-SPECIAL: the enterprise's special terms, proposed and confirmed",
    response: SpecialTermsListDto,
    errors: [404],
  })
  @ApiCreditCodeParam('id', 'The enterprise: its unified social credit code')
  specialTerms(
    @CurrentActor() actor: Actor,
    @Param('id') enterpriseId: string,
    @Query() q: MinPositionDto,
  ) {
    return this.queries.execute(new ListSpecialTermsQuery(actor, enterpriseId, q.minPosition));
  }
}
