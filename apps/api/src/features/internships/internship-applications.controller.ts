import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  InternshipApplicationViewDto,
  InternshipTrancheResultDto,
  SubmitInternshipResultDto,
} from './internships.responses.dto';
import { LedgerCommand, LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { basisPointsAsDecimal } from '@ledger/domain';
import { randomUUID } from 'node:crypto';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { assertOwnSchool } from '../../platform/auth/ownership';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { ApproveInternshipTrancheCommand } from './approve-internship-tranche.command-handler';
import { SubmitInternshipApplicationCommand } from './submit-internship-application.command-handler';
import { ApproveInternshipTrancheDto, SubmitInternshipApplicationDto } from './internships.dto';
import { MinPositionDto } from '../../ledger-core/query.dto';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { PersonKeyService } from '../../ledger-core/person-key.service';
import { GetInternshipApplicationQuery } from './get-internship-application.query-handler';

/** Internship rewards to schools (R-INT, Art. 6(2), Annex 1 §3), issue #7. */
@ApiTags('Internship rewards')
@Controller('v1/internship-applications')
export class InternshipApplicationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
    private readonly persons: PersonKeyService,
  ) {}

  @Post()
  @Roles('applicant', 'reviewer')
  @LedgerCommand({
    summary:
      "A year's interns: 50+ sent and at least 50 % retained (6+ consecutive months employed), else 422 R-INT",
    response: SubmitInternshipResultDto,
    errors: [404, 422, 423],
  })
  async submit(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Body() body: SubmitInternshipApplicationDto,
  ) {
    assertOwnSchool(actor, body.schoolId);
    this.contexts.assertNotFuture({ submittedOn: body.submittedOn });
    body.interns.forEach((i, n) =>
      this.contexts.assertMonthsNotFuture(`interns.${n}.employedMonths`, i.employedMonths),
    );
    const { result, position } = await this.commands.execute(
      new SubmitInternshipApplicationCommand(this.contexts.create(actor, key), {
        applicationId: randomUUID(),
        schoolId: body.schoolId,
        year: body.year,
        submittedOn: body.submittedOn,
        agreementRef: body.agreementRef,
        trainingBaseRef: body.trainingBaseRef,
        interns: body.interns.map((i) => ({
          ...this.persons.refOf(i.personId),
          personId: i.personId.toUpperCase(),
          name: i.name,
          level: i.level,
          enterpriseId: i.enterpriseId,
          employedMonths: i.employedMonths,
        })),
      }),
    );
    return {
      applicationId: result.applicationId,
      internsSent: result.internsSent,
      retained: result.retained,
      retentionRate: basisPointsAsDecimal(result.retentionBasisPoints),
      retentionBasisPoints: result.retentionBasisPoints,
      position,
    };
  }

  @Post(':id/tranches')
  @Roles('finance')
  @LedgerCommand({
    summary:
      'Approve the reward: 800 yuan (secondary) or 1,000 yuan (higher) a retained person, once per person per school',
    response: InternshipTrancheResultDto,
    errors: [404, 422, 423],
  })
  async approveTranche(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') applicationId: string,
    @Body() body: ApproveInternshipTrancheDto,
  ) {
    this.contexts.assertNotFuture({ decidedOn: body.decidedOn });
    const { result, position } = await this.commands.execute(
      new ApproveInternshipTrancheCommand(this.contexts.create(actor, key), applicationId, body),
    );
    return { ...result, position };
  }

  @Get(':id')
  @Roles('applicant', 'reviewer', 'finance', 'supervisor', 'auditor')
  @LedgerQuery({
    summary: 'The internship application, its interns and its tranche',
    response: InternshipApplicationViewDto,
    errors: [404],
  })
  get(
    @CurrentActor() actor: Actor,
    @Param('id') applicationId: string,
    @Query() q: MinPositionDto,
  ) {
    return this.queries.execute(
      new GetInternshipApplicationQuery(actor, applicationId, q.minPosition),
    );
  }
}
