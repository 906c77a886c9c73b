import type Database from 'better-sqlite3';
import * as fs from 'node:fs';
import { EventStore } from '@ledger/event-store/event-store.port';
import { EventStoreDbEventStore } from '@ledger/event-store/eventstoredb/eventstoredb-event-store';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { LedgerConfig, loadLedgerConfig } from '../../api/src/platform/config/ledger-config';
import { CommandError } from './commands/command';

/** The event store a command works on, as configured for the API on this machine. */
export interface OpenedStore {
  backend: 'sqlite' | 'eventstoredb';
  config: LedgerConfig;
  /** The raw store: what is stored, not upcast (hashes are over what is stored). */
  store: EventStore;
  /** The embedded store's connection (its read models live in the same file). */
  sqlite?: Database.Database;
  sqliteStore?: SqliteEventStore;
  close(): Promise<void>;
}

/** Thrown when the configured store has nothing to work on; the router prints it, exit 1. */
export class StoreNotFoundError extends CommandError {}

/**
 * `LEDGER_EVENTSTORE_URL` set: EventStoreDB through its adapter. Otherwise the
 * embedded SQLite file of `LEDGER_DATA_DIR`, which must exist already (an
 * audit command never creates an empty ledger by mistake) unless `create`.
 */
export function openConfiguredStore(
  env: Record<string, string | undefined>,
  options: { create?: boolean } = {},
): OpenedStore {
  const config = loadLedgerConfig(env);
  if (config.eventStoreUrl) {
    const store = EventStoreDbEventStore.connect(config.eventStoreUrl);
    return { backend: 'eventstoredb', config, store, close: () => store.close() };
  }
  if (!options.create && !fs.existsSync(config.sqliteFile)) {
    throw new StoreNotFoundError(
      `no ledger at ${config.sqliteFile} (set LEDGER_DATA_DIR to the data directory)`,
    );
  }
  const sqlite = SqliteEventStore.open({ dataDir: config.dataDir, groupCommit: false });
  return {
    backend: 'sqlite',
    config,
    store: sqlite,
    sqlite: sqlite.database,
    sqliteStore: sqlite,
    close: () => sqlite.close(),
  };
}
