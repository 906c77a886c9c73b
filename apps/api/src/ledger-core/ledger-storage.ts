import {
  HttpException,
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { LedgerDeps, withUpcasting, Written } from '@ledger/application';
import { DEFAULT_POLICY_TABLE, LedgerError, streams } from '@ledger/domain';
import { assertStreamName } from '@ledger/event-store/event-store-arguments';
import { EventStore } from '@ledger/event-store/event-store.port';
import { EventStoreDbEventStore } from '@ledger/event-store/eventstoredb/eventstoredb-event-store';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { SqliteLogAnchor } from '@ledger/event-store/sqlite/sqlite-log-anchor';
import { LedgerReadModels } from '@ledger/projections/ledger-read-models';
import { RedisReadModels } from '@ledger/projections/redis/redis-read-models';
import { SqliteReadModels } from '@ledger/projections/sqlite/sqlite-read-model.store';
import Redis from 'ioredis';
import { LEDGER_CONFIG, LedgerConfig } from '../platform/config/ledger-config';
import {
  DependencyUnavailableException,
  redisKnownDown,
} from '../platform/http/dependency-unavailable';
import { LedgerHealthIndicator } from '../platform/health/health-indicator';
import { LedgerMetrics } from '../platform/metrics/ledger-metrics';
import { timedAppends } from '../platform/metrics/timed-appends';
import {
  eventStoreDbHealthIndicator,
  redisHealthIndicator,
  sqliteHealthIndicator,
} from './storage.health-indicators';
import { rememberExistence } from './stream-existence';

export type LedgerBackend = 'embedded' | 'scale-out';

/**
 * Redis down or restarting is a passing state, not a bug: queries answer 503
 * with Retry-After instead of 500 while the client reconnects.
 */
function unavailableAs503<T extends object>(readModels: T, redis: Redis): T {
  return new Proxy(readModels, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      // The work lists (ADR 0017) are an object of queries: the same holds of them.
      if (property === 'workLists' && typeof value === 'object' && value !== null)
        return unavailableAs503(value, redis);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (redisKnownDown(redis)) throw new DependencyUnavailableException('read models (Redis)');
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (err) {
          // Bad arguments (a tampered cursor is a LedgerError) are the caller's, not Redis's.
          if (
            err instanceof RangeError ||
            err instanceof HttpException ||
            err instanceof LedgerError
          )
            throw err;
          throw new DependencyUnavailableException('read models (Redis)', { cause: err });
        }
      };
    },
  });
}

/**
 * Where events and read models live.
 *
 * Embedded (default): one SQLite file holds the events and, written in the
 * same transaction, the read models (ADR 0003).
 * Scale-out (LEDGER_EVENTSTORE_URL + LEDGER_REDIS_URL): events in EventStoreDB,
 * read models in Redis written by `apps/projector`; this process only reads
 * them, and `minPosition` waits for the projector's checkpoint.
 */
@Injectable()
export class LedgerStorage implements OnApplicationShutdown {
  private readonly logger = new Logger(LedgerStorage.name);
  readonly backend: LedgerBackend;
  readonly store: EventStore;
  readonly readModels: LedgerReadModels;
  readonly deps: LedgerDeps;
  /** Resolves once read models written by older code or another process are caught up. */
  readonly ready: Promise<unknown>;
  /** What `/health/ready` checks (StorageHealthRegistration). */
  readonly healthIndicators: readonly LedgerHealthIndicator[];
  /**
   * Whether a stream has an event. Embedded: one descent of the events'
   * `(stream, revision)` index, which the append's transaction writes, so it
   * has no lag, and a yes remembered (stream-existence.ts); reading the
   * stream's first event cost ~8 % of a balance GET (issue #16).
   */
  readonly streamExists: (stream: string) => Promise<boolean>;
  private readonly redis?: Redis;

  constructor(@Inject(LEDGER_CONFIG) config: LedgerConfig, @Optional() metrics?: LedgerMetrics) {
    if (config.eventStoreUrl && config.redisUrl) {
      this.backend = 'scale-out';
      this.store = withUpcasting(EventStoreDbEventStore.connect(config.eventStoreUrl));
      this.redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 3 });
      this.readModels = unavailableAs503(new RedisReadModels(this.redis), this.redis);
      this.ready = Promise.resolve();
      this.healthIndicators = [
        eventStoreDbHealthIndicator(this.store),
        redisHealthIndicator(this.redis),
      ];
      this.streamExists = async (stream) =>
        (await this.store.readStream(stream, { maxCount: 1 })).length > 0;
    } else {
      this.backend = 'embedded';
      const sqlite = SqliteEventStore.open({
        dataDir: config.dataDir,
        // Issue #12: refuses a log shorter than its anchor (LogAnchorError), anchors each commit.
        anchor: new SqliteLogAnchor(config.anchorDir, { onWarning: (m) => this.logger.warn(m) }),
        // The loader checked the variable; `undefined` keeps the store's defaults.
        groupCommit: config.sqliteGroupCommit ? undefined : false,
      });
      const readModels = new SqliteReadModels(sqlite.database);
      sqlite.setInlineProjector(readModels);
      // Old event versions are read in today's shape (ADR 0007); the inline
      // projector stays on the raw store, which only ever sees new events.
      this.store = withUpcasting(sqlite);
      this.readModels = readModels;
      this.healthIndicators = [sqliteHealthIndicator(config.sqliteFile, sqlite.database)];
      const streamRow = sqlite.database
        .prepare('SELECT 1 FROM events WHERE stream = ? LIMIT 1')
        .pluck();
      const exists = rememberExistence((stream) => streamRow.get(stream) !== undefined);
      this.streamExists = async (stream) => {
        assertStreamName(stream);
        return exists(stream);
      };
      this.ready = readModels.catchUp((after, max) =>
        this.store.readAll({ afterPosition: after, maxCount: max }),
      );
    }
    if (metrics) this.store = timedAppends(this.store, metrics);
    this.deps = {
      store: this.store,
      policies: DEFAULT_POLICY_TABLE,
      budgetControl: config.budgetControl,
    };
    this.logger.log(`storage: ${this.backend}`);
  }

  /**
   * Every command answers a `position` (API.md). A command that wrote nothing
   * (a repeated step) answers the head, which its read is surely behind of.
   */
  async withPosition<T>(written: Written<T>): Promise<{ result: T; position: number }> {
    return {
      result: written.result,
      position: written.position ?? (await this.store.headPosition()),
    };
  }

  /** The enterprise of an application, from its own stream (no read-model lag). */
  async enterpriseOfApplication(applicationId: string): Promise<string | undefined> {
    const [first] = await this.store.readStream(streams.seatApplication(applicationId), {
      maxCount: 1,
    });
    return (first?.data as { enterpriseId?: string } | undefined)?.enterpriseId;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
    this.redis?.disconnect();
  }
}
