import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_POLICY_TABLE } from '@ledger/domain';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { SqliteReadModels } from '@ledger/projections/sqlite/sqlite-read-model.store';
import { CommandContext } from '../command-context';
import { LedgerDeps } from '../ledger-deps';

/** Who runs a command in a process spec; one fixed clock and correlation id per actor and role. */
export const ctx = (actorId: string, role: string): CommandContext => ({
  actorId,
  role,
  recordedAt: '2026-01-01T00:00:00.000Z',
  correlationId: `${actorId}-${role}`,
});
export const reviewer = ctx('rita', 'reviewer');
export const finance = ctx('fay', 'finance');
export const supervisor = ctx('sue', 'supervisor');
export const system = ctx('system:recovery', 'system');

export interface TestLedger {
  readonly store: SqliteEventStore;
  readonly deps: LedgerDeps;
  /** Only with `projected`: the read models the store projects into as it appends. */
  readonly readModels: SqliteReadModels;
}

/**
 * A SQLite event store in a fresh temporary folder for the enclosing
 * `describe`: opened in `beforeAll` (with `projected`, with its read models
 * caught up and projected inline, as the API runs it), closed and removed in
 * `afterAll`. Read its fields inside hooks and tests, not at describe time.
 */
export function sqliteLedgerForTest(
  prefix: string,
  options: { projected?: boolean; budgetControl?: boolean } = {},
): TestLedger {
  let dir: string | undefined;
  let opened: { store: SqliteEventStore; deps: LedgerDeps; readModels?: SqliteReadModels };
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    const store = SqliteEventStore.open({ dataDir: dir });
    let readModels: SqliteReadModels | undefined;
    if (options.projected) {
      readModels = new SqliteReadModels(store.database);
      await readModels.catchUp((after, max) =>
        store.readAll({ afterPosition: after, maxCount: max }),
      );
      store.setInlineProjector(readModels);
    }
    const deps: LedgerDeps = { store, policies: DEFAULT_POLICY_TABLE };
    if (options.budgetControl) deps.budgetControl = true;
    opened = { store, deps, readModels };
  });
  afterAll(async () => {
    await opened?.store.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    get store() {
      return opened.store;
    },
    get deps() {
      return opened.deps;
    },
    get readModels() {
      if (!opened.readModels) throw new Error('sqliteLedgerForTest: opened without projected');
      return opened.readModels;
    },
  };
}
