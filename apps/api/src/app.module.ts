import { DynamicModule, Module } from '@nestjs/common';
import { LedgerModule } from './ledger/ledger.module';
import { PlatformModule, PlatformModuleOptions } from './platform/platform.module';

/** The API: the platform around the ledger. Build it with `createApp()` (bootstrap.ts). */
@Module({})
export class AppModule {
  static forRoot(options: PlatformModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(options), LedgerModule],
    };
  }
}
