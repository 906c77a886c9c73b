import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { LEDGER_PROJECTIONS } from './projections';
import { dumpSqliteReadModels, rebuildSqliteReadModels } from './rebuild';
import {
  createReadModelTables,
  dropReadModelIndexes,
  READ_MODEL_INDEXES,
} from './sqlite/sqlite-read-model.schema';
import { SqliteReadModels } from './sqlite/sqlite-read-model.store';
import { seatSubsidyStory } from './testing/seat-subsidy.story';

/** The read models' secondary indexes as SQLite keeps them, by name. */
function readModelIndexes(db: Database.Database): Record<string, string> {
  const names = new Set(READ_MODEL_INDEXES.map((i) => i.name));
  const rows = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    .all() as { name: string; sql: string }[];
  return Object.fromEntries(rows.filter((r) => names.has(r.name)).map((r) => [r.name, r.sql]));
}

describe('a full rebuild and the read models’ secondary indexes (ADR 0020 §64)', () => {
  let dataDir: string;
  let store: SqliteEventStore;
  let fresh: Record<string, string>;

  const readAll = (afterPosition: number, maxCount: number) =>
    store.readAll({ afterPosition, maxCount });

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-test-rebuild-indexes-'));
    const blank = new Database(join(dataDir, 'blank.sqlite'));
    createReadModelTables(blank);
    fresh = readModelIndexes(blank);
    blank.close();
    store = SqliteEventStore.open({ dataDir });
    const readModels = new SqliteReadModels(store.database);
    await readModels.catchUp(readAll);
    store.setInlineProjector(readModels);
    for (const step of seatSubsidyStory()) {
      const event = { type: step.event.type, data: step.event.data, metadata: step.metadata };
      await store.append(step.stream, [event], 'any');
    }
  });

  afterEach(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('given a fresh schema, then it has every index the list names', () => {
    expect(Object.keys(fresh).sort()).toEqual(READ_MODEL_INDEXES.map((i) => i.name).sort());
  });

  it('given read models written inline, when rebuilt in place, then no secondary index is kept up while it replays, and afterwards each is back as a fresh file has it and the rows are the same', async () => {
    const db = store.database;
    const live = dumpSqliteReadModels(db);
    expect(readModelIndexes(db)).toEqual(fresh);
    const during: Record<string, string>[] = [];
    await rebuildSqliteReadModels(db, readAll, LEDGER_PROJECTIONS, () =>
      during.push(readModelIndexes(db)),
    );
    expect(during.length).toBeGreaterThan(0);
    for (const indexes of during) expect(indexes).toEqual({});
    expect(readModelIndexes(db)).toEqual(fresh);
    expect(dumpSqliteReadModels(db)).toEqual(live);
  });

  it('given a rebuild whose reading fails after its first page, when it gives up, then the indexes are back', async () => {
    const db = store.database;
    let reads = 0;
    const failing = async (after: number, max: number) => {
      reads += 1;
      if (reads > 1) throw new Error('disk gone');
      return readAll(after, max);
    };
    await expect(rebuildSqliteReadModels(db, failing)).rejects.toThrow('disk gone');
    expect(readModelIndexes(db)).toEqual(fresh);
  });

  it('given a file a killed rebuild left without its indexes, when the read models are next opened on it, then they are built', () => {
    const other = new Database(store.database.name);
    try {
      dropReadModelIndexes(other);
      expect(readModelIndexes(other)).toEqual({});
      new SqliteReadModels(other);
      expect(readModelIndexes(other)).toEqual(fresh);
    } finally {
      other.close();
    }
  });
});
