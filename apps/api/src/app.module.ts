import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from './features/audit/audit.module';
import { BalancesModule } from './features/balances/balances.module';
import { FraudModule } from './features/fraud/fraud.module';
import { InternshipsModule } from './features/internships/internships.module';
import { PaymentsModule } from './features/payments/payments.module';
import { PoliciesModule } from './features/policies/policies.module';
import { PublicityModule } from './features/publicity/publicity.module';
import { SeatSubsidyModule } from './features/seat-subsidy/seat-subsidy.module';
import { SitesModule } from './features/sites/sites.module';
import { WorkListsModule } from './features/work-lists/work-lists.module';
import { LedgerCoreModule } from './ledger-core/ledger-core.module';
import { PlatformModule, PlatformModuleOptions } from './platform/platform.module';

/**
 * The API: the platform around the ledger's feature modules. Build it with
 * `createApp()` (bootstrap.ts). Each feature module holds its controllers,
 * handlers and DTOs and shares only `LedgerCoreModule` (docs/ARCHITECTURE.md).
 */
@Module({})
export class AppModule {
  static forRoot(options: PlatformModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(options),
        CqrsModule.forRoot(),
        LedgerCoreModule,
        SeatSubsidyModule,
        PublicityModule,
        PaymentsModule,
        BalancesModule,
        AuditModule,
        FraudModule,
        SitesModule,
        InternshipsModule,
        PoliciesModule,
        WorkListsModule,
      ],
    };
  }
}
