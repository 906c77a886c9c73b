import { Injectable } from '@nestjs/common';
import { LedgerHealthIndicator } from './health-indicator';

/** The indicators readiness runs, in registration order; one per name. */
@Injectable()
export class HealthRegistry {
  private readonly indicators = new Map<string, LedgerHealthIndicator>();

  register(indicator: LedgerHealthIndicator): void {
    this.indicators.set(indicator.name, indicator);
  }

  list(): readonly LedgerHealthIndicator[] {
    return [...this.indicators.values()];
  }
}
