/**
 * A dependency readiness depends on (the SQLite file, EventStoreDB, Redis…).
 * Any module registers its own with `HealthRegistry.register`, so the platform
 * stays below the ledger (it never imports the storage) and another part of the
 * API can plug in without touching the controller.
 */
export interface LedgerHealthIndicator {
  /** Names the dependency in the readiness body, e.g. `sqlite`, `redis`. */
  readonly name: string;
  /** Resolves when usable; rejects (or times out) with why it is not. */
  check(): Promise<void>;
}

/** A check that takes longer than this counts as down: readiness must answer fast. */
export const HEALTH_CHECK_TIMEOUT_MS = 2_000;
