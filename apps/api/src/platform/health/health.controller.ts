import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import type { FastifyReply as Response } from 'fastify';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import {
  HealthCheck,
  HealthCheckResult,
  HealthCheckService,
  HealthIndicatorResult,
  HealthIndicatorService,
} from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators';
import { HEALTH_CHECK_TIMEOUT_MS, LedgerHealthIndicator } from './health-indicator';
import { HealthRegistry } from './health.registry';
import { HealthDto, HealthIndicatorStateDto } from './health.dto';

const READY_EXAMPLE = {
  status: 'ok',
  info: { sqlite: { status: 'up' } },
  error: {},
  details: { sqlite: { status: 'up' } },
};
const NOT_READY_EXAMPLE = {
  status: 'error',
  info: {},
  error: { sqlite: { status: 'down', message: 'data/ledger.sqlite is missing' } },
  details: { sqlite: { status: 'down', message: 'data/ledger.sqlite is missing' } },
};

/**
 * Liveness (the process answers) and readiness (its stores answer), for load
 * balancers and the image's HEALTHCHECK. `/health` is readiness, as it always
 * was: its `status` is still `ok` when ready.
 */
@ApiTags('platform')
@ApiExtraModels(HealthIndicatorStateDto)
@Controller('health')
export class HealthController {
  constructor(
    private readonly checks: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly registry: HealthRegistry,
  ) {}

  @Public()
  @Get()
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness, as /health/ready (kept for existing probes)' })
  @ApiOkResponse({ type: HealthDto, example: READY_EXAMPLE })
  @ApiServiceUnavailableResponse({
    type: HealthDto,
    example: NOT_READY_EXAMPLE,
    description: 'A store is down: `error` names it (the health body, not the error body)',
  })
  health(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return this.ready(res);
  }

  /** No dependency is checked: a store outage must not get the process restarted. */
  @Public()
  @Get('live')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Liveness: the process answers (no store is checked)' })
  @ApiOkResponse({ type: HealthDto, example: { status: 'ok', info: {}, error: {}, details: {} } })
  live(): Promise<HealthCheckResult> {
    return this.checks.check([]);
  }

  @Public()
  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Readiness: every store answers (SQLite, or EventStoreDB and Redis)' })
  @ApiOkResponse({ type: HealthDto, example: READY_EXAMPLE })
  @ApiServiceUnavailableResponse({
    type: HealthDto,
    example: NOT_READY_EXAMPLE,
    description: 'A store is down: `error` names it (the health body, not the error body)',
  })
  async ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    try {
      return await this.checks.check(this.registry.list().map((i) => () => this.run(i)));
    } catch (error) {
      // Answered here: the error filter would replace terminus' body, which
      // names what is down, with the generic error body.
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse() as HealthCheckResult;
    }
  }

  private async run(indicator: LedgerHealthIndicator): Promise<HealthIndicatorResult> {
    const session = this.indicator.check(indicator.name);
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        indicator.check(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${HEALTH_CHECK_TIMEOUT_MS} ms`)),
            HEALTH_CHECK_TIMEOUT_MS,
          );
        }),
      ]);
      return session.up();
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : String(error) });
    } finally {
      clearTimeout(timer);
    }
  }
}
