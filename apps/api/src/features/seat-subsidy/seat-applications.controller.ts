import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  ApproveTrancheResultDto,
  FileEvidenceResultDto,
  ReviewResultDto,
  SeatApplicationViewDto,
  SubmitSeatApplicationResultDto,
} from './seat-subsidy.responses.dto';
import { LedgerCommand, LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { randomUUID } from 'node:crypto';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { assertOwnEnterprise } from '../../platform/auth/ownership';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { ApproveTrancheCommand } from './approve-tranche.command-handler';
import { FileEvidenceCommand } from './file-evidence.command-handler';
import { ReviewApplicationCommand } from './review-application.command-handler';
import { SubmitSeatApplicationCommand } from './submit-seat-application.command-handler';
import {
  ApproveTrancheDto,
  FileEvidenceDto,
  ReviewApplicationDto,
  SubmitSeatApplicationDto,
} from './seat-subsidy.dto';
import { MinPositionDto } from '../../ledger-core/query.dto';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { PersonKeyService } from '../../ledger-core/person-key.service';
import { GetSeatApplicationQuery } from './get-seat-application.query-handler';
import { shownTo } from './refusal-disclosure.presenter';
import { LedgerStorage } from '../../ledger-core/ledger-storage';

@ApiTags('Seat subsidy')
@Controller('v1/seat-applications')
export class SeatApplicationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
    private readonly persons: PersonKeyService,
    private readonly storage: LedgerStorage,
  ) {}

  @Post()
  @Roles('applicant', 'reviewer')
  @LedgerCommand({
    summary: 'SubmitSeatApplication: claims per seat; R-SEAT-1, R-SEAT-2, R-SEAT-6',
    response: SubmitSeatApplicationResultDto,
    errors: [404, 422, 423],
  })
  async submit(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Body() body: SubmitSeatApplicationDto,
  ) {
    assertOwnEnterprise(actor, body.enterpriseId);
    this.contexts.assertNotFuture({ submittedOn: body.submittedOn });
    const applicationId = randomUUID();
    const { result, position } = await this.commands.execute(
      new SubmitSeatApplicationCommand(this.contexts.create(actor, key), {
        applicationId,
        enterpriseId: body.enterpriseId,
        submittedOn: body.submittedOn,
        claims: body.claims.map((c) => ({
          ...this.persons.refOf(c.personId),
          personId: c.personId.toUpperCase(),
          name: c.name,
          wageMonths: c.wageMonths,
          insuranceMonths: c.insuranceMonths,
        })),
      }),
    );
    return { ...result, claims: shownTo(actor, body.enterpriseId, result.claims), position };
  }

  @Post(':id/evidence')
  @HttpCode(200)
  @Roles('applicant', 'reviewer')
  @LedgerCommand({
    summary: 'File more months of wages and insurance (R-SEAT-2; R-SEAT-6 on the new months)',
    response: FileEvidenceResultDto,
    status: 200,
    errors: [404, 422, 423],
  })
  async evidence(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') applicationId: string,
    @Body() body: FileEvidenceDto,
  ) {
    await this.assertOwnApplication(actor, applicationId);
    this.contexts.assertNotFuture({ filedOn: body.filedOn });
    const { result, position } = await this.commands.execute(
      new FileEvidenceCommand(this.contexts.create(actor, key), applicationId, {
        processId: randomUUID(),
        filedOn: body.filedOn,
        claims: body.claims,
      }),
    );
    return { claims: shownTo(actor, actor.enterpriseId ?? '', result), position };
  }

  @Post(':id/review')
  @HttpCode(200)
  @Roles('reviewer')
  @LedgerCommand({
    summary: 'ReviewApplication: approve or reject claims (a rejection needs a reason)',
    response: ReviewResultDto,
    status: 200,
    errors: [404, 422],
  })
  async review(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') applicationId: string,
    @Body() body: ReviewApplicationDto,
  ) {
    this.contexts.assertNotFuture({ decidedOn: body.decidedOn });
    const { result, position } = await this.commands.execute(
      new ReviewApplicationCommand(this.contexts.create(actor, key), applicationId, {
        processId: randomUUID(),
        reviewedBy: actor.actorId,
        decidedOn: body.decidedOn,
        decisions: body.decisions,
      }),
    );
    return { ...result, position };
  }

  @Post(':id/tranches')
  @Roles('finance')
  @LedgerCommand({
    summary: 'ApproveTranche: R-SEAT-2…5, R-SOD; the person cap across employers holds',
    response: ApproveTrancheResultDto,
    errors: [404, 422, 423],
  })
  async approveTranche(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') applicationId: string,
    @Body() body: ApproveTrancheDto,
  ) {
    this.contexts.assertNotFuture({ decidedOn: body.decidedOn });
    const { result, position } = await this.commands.execute(
      new ApproveTrancheCommand(this.contexts.create(actor, key), applicationId, body),
    );
    return { ...result, position };
  }

  @Get(':id')
  @Roles('applicant', 'reviewer', 'finance', 'supervisor', 'auditor')
  @LedgerQuery({
    summary: 'The application, its claims with status and months, its tranches',
    response: SeatApplicationViewDto,
    errors: [404],
  })
  get(
    @CurrentActor() actor: Actor,
    @Param('id') applicationId: string,
    @Query() q: MinPositionDto,
  ) {
    return this.queries.execute(new GetSeatApplicationQuery(actor, applicationId, q.minPosition));
  }

  private async assertOwnApplication(actor: Actor, applicationId: string): Promise<void> {
    if (actor.role !== 'applicant') return;
    const enterpriseId = await this.storage.enterpriseOfApplication(applicationId);
    // An unknown application and a foreign one answer alike, so nothing leaks.
    assertOwnEnterprise(actor, enterpriseId ?? '');
  }
}
