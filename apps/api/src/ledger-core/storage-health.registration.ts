import { Injectable, OnModuleInit } from '@nestjs/common';
import { HealthRegistry } from '../platform/health/health.registry';
import { LedgerStorage } from './ledger-storage';

/** Puts the storage's indicators under `/health/ready`. */
@Injectable()
export class StorageHealthRegistration implements OnModuleInit {
  constructor(
    private readonly storage: LedgerStorage,
    private readonly registry: HealthRegistry,
  ) {}

  onModuleInit(): void {
    for (const indicator of this.storage.healthIndicators) this.registry.register(indicator);
  }
}
