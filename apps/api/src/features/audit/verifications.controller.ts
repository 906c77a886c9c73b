import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import type { Actor } from '../../platform/auth/actor';
import { ApiErrors } from '../../platform/openapi';
import { VerificationRunDto, VerificationStartedDto } from './verification.dto';
import { VerificationRunsService } from './verification-runs.service';

/** `verify` from the API (issue #13): started here, run in a worker, its result kept. */
@ApiTags('Audit')
@Controller('v1/audit/verifications')
export class VerificationsController {
  constructor(private readonly runs: VerificationRunsService) {}

  @Post()
  @HttpCode(202)
  @Roles('auditor', 'supervisor')
  @ApiOperation({
    summary:
      'Start `verify` (hash chains, invariants, read models) in a worker; one run at a time (409)',
  })
  @ApiAcceptedResponse({ type: VerificationStartedDto, description: 'Started' })
  @ApiErrors(409, 503)
  start(@CurrentActor() actor: Actor): VerificationStartedDto {
    return { verificationId: this.runs.start(actor.actorId).verificationId };
  }

  @Get('latest')
  @Roles('auditor', 'supervisor')
  @ApiOperation({ summary: 'The last verification, running or finished' })
  @ApiOkResponse({ type: VerificationRunDto })
  @ApiErrors(404, 503)
  latest(): VerificationRunDto {
    return this.runs.latest();
  }

  @Get(':id')
  @Roles('auditor', 'supervisor')
  @ApiOperation({ summary: 'One verification: status, progress, report' })
  @ApiOkResponse({ type: VerificationRunDto })
  @ApiErrors(400, 404, 503)
  get(@Param('id', new ParseUUIDPipe()) id: string): VerificationRunDto {
    return this.runs.get(id);
  }
}
