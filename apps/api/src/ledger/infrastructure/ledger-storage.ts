import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DEFAULT_POLICY_TABLE } from '@ledger/domain';
import { LedgerDeps } from '@ledger/application';
import { EventStore } from '@ledger/event-store/event-store.port';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { LedgerReadModels } from '@ledger/projections/ledger-read-models';
import { SqliteReadModels } from '@ledger/projections/sqlite/sqlite-read-model.store';
import { LEDGER_CONFIG, LedgerConfig } from '../../platform/config/ledger-config';

/**
 * The embedded default: one SQLite file holds the events and, written in the
 * same transaction, the read models, so a query right after a command sees it
 * and several processes on one data directory stay consistent.
 */
@Injectable()
export class LedgerStorage implements OnApplicationShutdown {
  readonly store: EventStore;
  readonly readModels: LedgerReadModels;
  readonly deps: LedgerDeps;
  /** Resolves once read models written by older code or another process are caught up. */
  readonly ready: Promise<unknown>;

  constructor(@Inject(LEDGER_CONFIG) config: LedgerConfig) {
    const sqlite = SqliteEventStore.open({ dataDir: config.dataDir });
    const readModels = new SqliteReadModels(sqlite.database);
    sqlite.setInlineProjector(readModels);
    this.ready = readModels.catchUp((after, max) =>
      sqlite.readAll({ afterPosition: after, maxCount: max }),
    );
    this.store = sqlite;
    this.readModels = readModels;
    this.deps = { store: sqlite, policies: DEFAULT_POLICY_TABLE };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
