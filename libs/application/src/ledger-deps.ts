import { PolicyTable } from '@ledger/domain';
import { EventStore } from '@ledger/event-store/event-store.port';

export interface LedgerDeps {
  store: EventStore;
  policies: PolicyTable;
}

/** Outcome of a command: what the API answers, plus the last position written. */
export interface Written<T> {
  result: T;
  position: number | undefined;
}
