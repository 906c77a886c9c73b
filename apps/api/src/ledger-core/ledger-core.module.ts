import { Module } from '@nestjs/common';
import { CommandContextFactory } from './command-context.factory';
import { LedgerClock } from './ledger-clock';
import { LedgerQueries } from './ledger-queries';
import { LedgerStorage } from './ledger-storage';
import { PersonKeyService } from './person-key.service';
import { ProcessRecoveryService } from './process-recovery.service';
import { StorageHealthRegistration } from './storage-health.registration';

/**
 * What every feature module shares: the storage (events and read models), the
 * clock, command contexts, person keys and read-model queries. Recovery of
 * half-done processes runs here once for all features and is not exported.
 */
@Module({
  providers: [
    LedgerClock,
    LedgerStorage,
    PersonKeyService,
    CommandContextFactory,
    LedgerQueries,
    ProcessRecoveryService,
    StorageHealthRegistration,
  ],
  exports: [LedgerClock, LedgerStorage, PersonKeyService, CommandContextFactory, LedgerQueries],
})
export class LedgerCoreModule {}
