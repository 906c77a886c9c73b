import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import {
  dumpSqliteReadModels,
  ReadModelDump,
  rebuildSqliteReadModels,
} from '@ledger/projections/rebuild';

/**
 * Read-only access to the SQLite file of a data directory, for e2e tests that
 * look at the events an API process wrote (the process may still be running:
 * the file is in WAL mode, and a read-only reader never blocks its writer).
 */

export const LEDGER_FILE = 'ledger.sqlite';

export interface StoredEvent {
  position: number;
  eventId: string;
  stream: string;
  revision: number;
  type: string;
  data: Record<string, any>;
  metadata: Record<string, any>;
}

export function openLedgerFileReadOnly(dataDir: string): Database.Database {
  const db = new Database(path.join(dataDir, LEDGER_FILE), { readonly: true, timeout: 10_000 });
  db.pragma('busy_timeout = 10000');
  return db;
}

/** Events of the given types, in position order; every event when `types` is empty. */
export function readEvents(db: Database.Database, types: readonly string[] = []): StoredEvent[] {
  const where = types.length > 0 ? `WHERE type IN (${types.map(() => '?').join(', ')})` : '';
  const rows = db
    .prepare(
      `SELECT position, event_id AS eventId, stream, revision, type, data, metadata FROM events ${where} ORDER BY position`,
    )
    .all(...types) as {
    position: number;
    eventId: string;
    stream: string;
    revision: number;
    type: string;
    data: string;
    metadata: string;
  }[];
  return rows.map((r) => ({
    ...r,
    data: JSON.parse(r.data) as Record<string, any>,
    metadata: JSON.parse(r.metadata) as Record<string, any>,
  }));
}

/** Counts of each value of `data[field]` over the events of `type`. */
export function countByField(
  db: Database.Database,
  type: string,
  field: string,
): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT json_extract(data, ?) AS k, COUNT(*) AS n FROM events WHERE type = ? GROUP BY k`,
    )
    .all(`$.${field}`, type) as { k: string; n: number }[];
  return new Map(rows.map((r) => [r.k, r.n]));
}

export interface RebuildComparison {
  live: ReadModelDump;
  rebuilt: ReadModelDump;
  events: number;
}

/**
 * Dumps the read models of a data directory as the API left them, then copies
 * the file (SQLite online backup, so the WAL comes along) to a temporary
 * directory, throws the copy's read models away, replays every event into it
 * and dumps again. Call it after every API process on `dataDir` has stopped.
 */
export async function dumpLiveAndRebuilt(dataDir: string): Promise<RebuildComparison> {
  const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-rebuild-'));
  const original = openLedgerFileReadOnly(dataDir);
  let live: ReadModelDump;
  try {
    live = dumpSqliteReadModels(original);
    await original.backup(path.join(copyDir, LEDGER_FILE));
  } finally {
    original.close();
  }
  const store = SqliteEventStore.open({ dataDir: copyDir });
  try {
    const result = await rebuildSqliteReadModels(store.database, (after, max) =>
      store.readAll({ afterPosition: after, maxCount: max }),
    );
    return { live, rebuilt: dumpSqliteReadModels(store.database), events: result.events };
  } finally {
    await store.close();
    fs.rmSync(copyDir, { recursive: true, force: true });
  }
}

/** `n` months starting at `from` (YYYY-MM). */
export function monthsFrom(from: string, n: number): string[] {
  const [y, m] = from.split('-').map(Number);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = y * 12 + (m - 1) + i;
    out.push(`${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
