import { DEFAULT_POLICY_TABLE } from '@ledger/domain';
import { LedgerDeps } from '@ledger/application';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { SqliteReadModels } from '@ledger/projections/sqlite/sqlite-read-model.store';
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SeatHistoryOptions, writeEnterpriseHistory } from './seat-history';

export { deleteEventsBehindTheStore } from '../../event-store/test-support/delete-behind-the-store';

export const LEDGER_FILE = 'ledger.sqlite';

export function tempDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `ledger-test-${label}-`));
}

/** The embedded ledger as the API wires it: events and inline read models in one file. */
export async function withEmbeddedLedger<T>(
  dataDir: string,
  work: (deps: LedgerDeps, store: SqliteEventStore) => Promise<T>,
): Promise<T> {
  const store = SqliteEventStore.open({ dataDir });
  const readModels = new SqliteReadModels(store.database);
  await readModels.catchUp((after, max) => store.readAll({ afterPosition: after, maxCount: max }));
  store.setInlineProjector(readModels);
  try {
    return await work({ store, policies: DEFAULT_POLICY_TABLE }, store);
  } finally {
    await store.close();
  }
}

/** Writes enterprises `from..from+count-1` of a seat history into the ledger of `dataDir`. */
export async function addSeatHistory(
  dataDir: string,
  from: number,
  count: number,
  options: Omit<SeatHistoryOptions, 'enterprises'>,
): Promise<void> {
  await withEmbeddedLedger(dataDir, async (deps) => {
    for (let i = from; i < from + count; i++) {
      await writeEnterpriseHistory(deps, i, { ...options, enterprises: count });
    }
  });
}

/** A copy of a closed ledger directory (the WAL is folded in on close). */
export function copyLedgerDir(from: string, label: string): string {
  const to = tempDir(label);
  fs.copyFileSync(path.join(from, LEDGER_FILE), path.join(to, LEDGER_FILE));
  return to;
}

/** A writable connection to the ledger file, for tampering behind the ledger's back. */
export function openLedgerFile(dataDir: string): Database.Database {
  return new Database(path.join(dataDir, LEDGER_FILE));
}

export interface CapturedIo {
  stdout: string;
  stderr: string;
}

export function captureIo(env: Record<string, string | undefined>, stderrIsTTY = false) {
  const out: CapturedIo = { stdout: '', stderr: '' };
  return {
    out,
    io: {
      stdout: (text: string) => void (out.stdout += text),
      stderr: (text: string) => void (out.stderr += text),
      env,
      stderrIsTTY,
    },
  };
}
