import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  SiteApplicationViewDto,
  SiteTrancheResultDto,
  SubmitSiteApplicationResultDto,
} from './sites.responses.dto';
import { LedgerCommand, LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { randomUUID } from 'node:crypto';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { assertOwnEnterprise } from '../../platform/auth/ownership';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { ApproveSiteTrancheCommand } from './approve-site-tranche.command-handler';
import { SubmitSiteApplicationCommand } from './submit-site-application.command-handler';
import { ApproveSiteTrancheDto, SubmitSiteApplicationDto } from './site-applications.dto';
import { MinPositionDto } from '../../ledger-core/query.dto';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { GetSiteApplicationQuery } from './get-site-application.query-handler';

/** Site subsidies (R-SITE-LEASE, R-SITE-RENO, R-SITE-BUY, R-SITE-1; Art. 4), issue #7. */
@ApiTags('Site subsidies')
@Controller('v1/site-applications')
export class SiteApplicationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post()
  @Roles('applicant', 'reviewer')
  @LedgerCommand({
    summary:
      'Apply for a site subsidy: lease (5+ years), renovation (30 % of the audited investment, capped) or purchase (500 yuan/m², 5,000 m² at most); one kind per premises',
    response: SubmitSiteApplicationResultDto,
    errors: [404, 422, 423],
  })
  async submit(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Body() body: SubmitSiteApplicationDto,
  ) {
    assertOwnEnterprise(actor, body.enterpriseId);
    this.contexts.assertNotFuture({
      submittedOn: body.submittedOn,
      completedOn: body.completedOn,
      purchasedOn: body.purchasedOn,
    });
    const { result, position } = await this.commands.execute(
      new SubmitSiteApplicationCommand(this.contexts.create(actor, key), {
        siteId: randomUUID(),
        enterpriseId: body.enterpriseId,
        kind: body.kind,
        submittedOn: body.submittedOn,
        address: body.premises.address,
        ...(body.lease
          ? { lease: { startsOn: body.lease.startsOn, endsOn: body.lease.endsOn } }
          : {}),
        ...(body.kind === 'renovation'
          ? {
              renovation: {
                investmentFen: body.investmentFen!,
                auditRef: body.auditRef!,
                completedOn: body.completedOn!,
              },
            }
          : {}),
        ...(body.kind === 'purchase'
          ? {
              purchase: {
                // m² with two decimals → whole dm² (0.01 m²), before any arithmetic.
                areaDm2: Math.round(body.areaM2! * 100),
                purchasedOn: body.purchasedOn!,
                certificateRef: body.certificateRef!,
              },
            }
          : {}),
      }),
    );
    return { ...result, position };
  }

  @Post(':id/tranches')
  @Roles('finance')
  @LedgerCommand({
    summary:
      'Approve a site tranche: lease year (effective seats on decidedOn × 2,500 / 1,250 yuan), purchase year (30/25/15/15/15 %), or the renovation payment',
    response: SiteTrancheResultDto,
    errors: [404, 422, 423],
  })
  async approveTranche(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') siteId: string,
    @Body() body: ApproveSiteTrancheDto,
  ) {
    this.contexts.assertNotFuture({ decidedOn: body.decidedOn });
    const { result, position } = await this.commands.execute(
      new ApproveSiteTrancheCommand(this.contexts.create(actor, key), siteId, body),
    );
    return { ...result, position };
  }

  @Get(':id')
  @Roles('applicant', 'reviewer', 'finance', 'supervisor', 'auditor')
  @LedgerQuery({
    summary: 'The site application, its tranches, notices and payments',
    response: SiteApplicationViewDto,
    errors: [404],
  })
  get(@CurrentActor() actor: Actor, @Param('id') siteId: string, @Query() q: MinPositionDto) {
    return this.queries.execute(new GetSiteApplicationQuery(actor, siteId, q.minPosition));
  }
}
