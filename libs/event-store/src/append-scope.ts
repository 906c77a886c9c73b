import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { EventStore, RecordedEvent } from './event-store.port';

/**
 * Work a caller attaches to every append made while it runs (ADR 0011): the
 * API runs a command with an `Idempotency-Key` inside one, so that the key and
 * the events the command writes commit together. An AsyncLocalStorage, not a
 * parameter, because the appends are made deep inside the application layer,
 * which knows nothing of HTTP or keys.
 */
export interface AppendScope {
  /**
   * Embedded store: runs inside the transaction (or savepoint) of each append
   * of events made in the scope, after its rows are inserted. Synchronous;
   * throwing refuses that append and rolls it back.
   */
  inSqliteTransaction?(db: Database.Database, recorded: readonly RecordedEvent[]): void;
  /**
   * Other stores (EventStoreDB): awaited before each append of events made in
   * the scope is sent; `store` is the store appending. Throwing refuses the
   * append before anything is sent. Appends it makes itself must run
   * `outsideAppendScope`.
   */
  beforeAppend?(store: EventStore, stream: string): Promise<void>;
}

const storage = new AsyncLocalStorage<AppendScope>();

/** Runs `fn` (and everything it starts) with `scope` attached to its appends. */
export function runInAppendScope<T>(scope: AppendScope | undefined, fn: () => T): T {
  return scope === undefined ? fn() : storage.run(scope, fn);
}

/** The scope of the code running now, if any. Read by the stores when an append is made. */
export function currentAppendScope(): AppendScope | undefined {
  return storage.getStore();
}

/** Runs `fn` with no scope: for appends a scope makes on its own behalf. */
export function outsideAppendScope<T>(fn: () => T): T {
  return storage.exit(fn);
}
