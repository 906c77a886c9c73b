import { PolicyTable } from '@ledger/domain';
import { EventStore } from '@ledger/event-store/event-store.port';

export interface LedgerDeps {
  store: EventStore;
  policies: PolicyTable;
  /**
   * R-BUDGET (ADR 0019): tranche approvals commit budget. The API sets it from
   * LEDGER_BUDGET_CONTROL (on by default); absent, as in process tests that
   * record no budget, approvals commit nothing.
   */
  budgetControl?: boolean;
}

/** Outcome of a command: what the API answers, plus the last position written. */
export interface Written<T> {
  result: T;
  position: number | undefined;
}
