import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { Public } from '../auth/auth.decorators';
import { LedgerMetrics } from './ledger-metrics';

/**
 * Prometheus text format. Public like `/health`: it holds counts and route
 * templates only; keep the port off the internet or scrape through a proxy.
 */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: LedgerMetrics) {}

  @Public()
  @Get()
  @ApiExcludeEndpoint()
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() res: Response): Promise<void> {
    res.type(this.metrics.registry.contentType).send(await this.metrics.registry.metrics());
  }
}
