import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { LEDGER_CONFIG, LedgerConfig, loadLedgerConfig } from './config/ledger-config';
import { ledgerConfigProvider } from './config/ledger-config.provider';
import { HealthController } from './health/health.controller';
import { HealthRegistry } from './health/health.registry';
import { LedgerExceptionFilter } from './http/ledger-exception.filter';
import { createValidationPipe } from './http/validation';
import {
  DEFAULT_IDEMPOTENCY_OPTIONS,
  IDEMPOTENCY_OPTIONS,
  IdempotencyInterceptor,
  IdempotencyOptions,
} from './idempotency/idempotency.interceptor';
import { IDEMPOTENCY_STORE, IdempotencyStore } from './idempotency/idempotency.store';
import { RedisIdempotencyStore } from './idempotency/redis-idempotency.store';
import { SqliteIdempotencyStore } from './idempotency/sqlite-idempotency.store';
import { pinoParams } from './logging/pino-params';
import { IdNumberMaskingInterceptor } from './privacy/id-number-masking.interceptor';
import { LedgerMetrics } from './metrics/ledger-metrics';
import { MetricsController } from './metrics/metrics.controller';

export interface PlatformModuleOptions {
  /** The configuration; loaded from `env` (default `process.env`) when absent. */
  config?: LedgerConfig;
  env?: Record<string, string | undefined>;
  idempotency?: Partial<IdempotencyOptions>;
  /** Replaces the SQLite store (e.g. a shared one for scale-out). */
  idempotencyStore?: IdempotencyStore;
  /** Where logs go instead of stdout (tests). */
  logStream?: DestinationStream;
}

/**
 * Everything around the ledger's routes: configuration, JSON logging, the JWT
 * guard, the error filter, validation, idempotency, health, metrics. Global, so
 * `LEDGER_CONFIG` and `IDEMPOTENCY_STORE` can be injected anywhere.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformModuleOptions = {}): DynamicModule {
    const config = options.config ?? loadLedgerConfig(options.env);
    const store: Provider = options.idempotencyStore
      ? { provide: IDEMPOTENCY_STORE, useValue: options.idempotencyStore }
      : {
          provide: IDEMPOTENCY_STORE,
          useFactory: (c: LedgerConfig) =>
            c.redisUrl
              ? RedisIdempotencyStore.connect(c.redisUrl)
              : new SqliteIdempotencyStore(c.sqliteFile),
          inject: [LEDGER_CONFIG],
        };
    return {
      module: PlatformModule,
      global: true,
      imports: [
        LoggerModule.forRoot(pinoParams(config, options.logStream)),
        TerminusModule.forRoot({ logger: false }),
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        ledgerConfigProvider(config),
        {
          provide: IDEMPOTENCY_OPTIONS,
          useValue: { ...DEFAULT_IDEMPOTENCY_OPTIONS, ...options.idempotency },
        },
        store,
        HealthRegistry,
        { provide: LedgerMetrics, useFactory: () => new LedgerMetrics() },
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_FILTER, useClass: LedgerExceptionFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        // Outermost first: masking sees the answer the idempotency layer stored or replays.
        { provide: APP_INTERCEPTOR, useClass: IdNumberMaskingInterceptor },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
      exports: [
        LEDGER_CONFIG,
        IDEMPOTENCY_STORE,
        IDEMPOTENCY_OPTIONS,
        HealthRegistry,
        LedgerMetrics,
      ],
    };
  }
}
