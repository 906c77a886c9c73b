import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import {
  CaseTraceDto,
  CloseCaseResultDto,
  FindingResultDto,
  OpenCaseResultDto,
  RecoveryResultDto,
} from './fraud.responses.dto';
import { LedgerCommand, LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { randomUUID } from 'node:crypto';
import { Actor } from '../../platform/auth/actor';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import { IdempotencyKey } from '../../platform/idempotency/idempotency-key.decorator';
import { CloseCaseCommand } from './close-case.command-handler';
import { OpenCaseCommand } from './open-case.command-handler';
import { RecordFindingCommand } from './record-finding.command-handler';
import { RecordRecoveryCommand } from './record-recovery.command-handler';
import { CloseCaseDto, OpenCaseDto, RecordFindingDto, RecordRecoveryDto } from './fraud.dto';
import { MinPositionDto } from '../../ledger-core/query.dto';
import { CommandContextFactory } from '../../ledger-core/command-context.factory';
import { GetCaseTraceQuery } from './get-case-trace.query-handler';

/** R-FRAUD (Art. 10, 11, 13): cases, findings, recoveries, closure, and the trace. */
@ApiTags('Fraud cases and clawbacks')
@Controller('v1/cases')
export class CasesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly contexts: CommandContextFactory,
  ) {}

  @Post()
  @Roles('supervisor')
  @LedgerCommand({
    summary:
      'Open a case against an enterprise or a school; suspended (at once with suspend, or by a ' +
      'finding), its tranches answer 423 until the case is closed and recovered',
    response: OpenCaseResultDto,
    errors: [404, 422],
  })
  async open(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Body() body: OpenCaseDto,
  ) {
    this.contexts.assertNotFuture({ openedOn: body.openedOn });
    const { result, position } = await this.commands.execute(
      new OpenCaseCommand(this.contexts.create(actor, key), { caseId: randomUUID(), ...body }),
    );
    return { ...result, position };
  }

  @Post(':id/findings')
  @Roles('supervisor')
  @LedgerCommand({
    summary:
      'Record false claims and tranches: paid amounts become due back, approved-unpaid ones are ' +
      'cancelled, and the party is suspended',
    response: FindingResultDto,
    errors: [404, 422],
  })
  async finding(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') caseId: string,
    @Body() body: RecordFindingDto,
  ) {
    this.contexts.assertNotFuture({ foundOn: body.foundOn });
    const { result, position } = await this.commands.execute(
      new RecordFindingCommand(this.contexts.create(actor, key), caseId, {
        findingId: randomUUID(),
        foundOn: body.foundOn,
        note: body.note,
        falseClaimIds: body.falseClaimIds ?? [],
        ...(body.falseTrancheIds ? { falseTrancheIds: body.falseTrancheIds } : {}),
      }),
    );
    return { ...result, position };
  }

  @Post(':id/recoveries')
  @Roles('finance')
  @LedgerCommand({
    summary: 'Record money back (oldest payment first); more than is outstanding is 422 R-FRAUD',
    response: RecoveryResultDto,
    errors: [404, 422],
  })
  async recovery(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') caseId: string,
    @Body() body: RecordRecoveryDto,
  ) {
    this.contexts.assertNotFuture({ receivedOn: body.receivedOn });
    const { result, position } = await this.commands.execute(
      new RecordRecoveryCommand(this.contexts.create(actor, key), caseId, {
        recoveryId: randomUUID(),
        ...body,
      }),
    );
    return { ...result, position };
  }

  @Post(':id/closure')
  @HttpCode(200)
  @Roles('supervisor')
  @LedgerCommand({
    summary:
      'Close the case (upheld or dismissed); lifts the suspension it applied when nothing is ' +
      'outstanding, else the recovery of the rest does',
    response: CloseCaseResultDto,
    status: 200,
    errors: [404, 422],
  })
  async close(
    @CurrentActor() actor: Actor,
    @IdempotencyKey() key: string | undefined,
    @Param('id') caseId: string,
    @Body() body: CloseCaseDto,
  ) {
    this.contexts.assertNotFuture({ closedOn: body.closedOn });
    const { result, position } = await this.commands.execute(
      new CloseCaseCommand(this.contexts.create(actor, key), caseId, body),
    );
    return { ...result, position };
  }

  @Get(':id')
  @Roles('supervisor', 'auditor', 'finance')
  @LedgerQuery({
    summary: 'The case: the same document as its trace',
    response: CaseTraceDto,
    errors: [404],
  })
  get(@Param('id') caseId: string, @Query() q: MinPositionDto) {
    return this.queries.execute(new GetCaseTraceQuery(caseId, q.minPosition));
  }

  @Get(':id/trace')
  @Roles('supervisor', 'auditor', 'finance')
  @LedgerQuery({
    summary: 'Finding → claims → tranches → payments → recoveries; due, recovered, outstanding',
    response: CaseTraceDto,
    errors: [404],
  })
  trace(@Param('id') caseId: string, @Query() q: MinPositionDto) {
    return this.queries.execute(new GetCaseTraceQuery(caseId, q.minPosition));
  }
}
