import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CHECKPOINT_TABLE } from '@ledger/projections/sqlite/sqlite-read-model.schema';
import { dumpSqliteReadModels } from '@ledger/projections/rebuild';
import { SQLITE_READ_MODEL_LIMITS } from '@ledger/projections/sqlite/sqlite-read-model.store';
import { tempDir } from '../bench/bench-support';
import { writeStoriesDirect } from '../bench/direct-history/direct-history.writer';
import { compileStory } from '../bench/direct-history/story-copy';
import { recordTemplate } from '../bench/history';
import { openEmbeddedLedger } from '../bench/ledger-fixture';
import { writeReadModelsRaw } from '../bench/reference/read-model-write-floor';

/**
 * The rebuild bench's write floor (issue #16 goal 4) is only a floor if it
 * writes every row the rebuilt read models hold, each as they hold it, in one
 * transaction per page of events: what it leaves is compared row for row.
 */
jest.setTimeout(120_000);

const STORIES = 40;

describe('read-model write floor', () => {
  const tmp = tempDir('write-floor-test');
  afterAll(() => tmp.remove());

  it(`given ${STORIES} stories with their read models, when the floor writes them raw, then its file holds the same rows, written in one transaction per page of the rebuild, and it leaves no file unless asked`, async () => {
    const template = await recordTemplate('paid');
    const ledger = openEmbeddedLedger(tmp.dir);
    try {
      const db = ledger.store.database;
      writeStoriesDirect(db, compileStory(template), 0, STORIES, { storiesPerTransaction: 8 });
      const events = STORIES * template.eventsPerStory;

      const kept = join(tmp.dir, 'floor-kept.sqlite');
      const result = writeReadModelsRaw(db, kept, { keep: true });
      const floorDb = new Database(kept, { readonly: true });
      const written = dumpSqliteReadModels(floorDb);
      const checkpoints = floorDb
        .prepare(`SELECT DISTINCT position FROM ${CHECKPOINT_TABLE}`)
        .pluck()
        .all();
      floorDb.close();
      const source = dumpSqliteReadModels(db);
      delete source[CHECKPOINT_TABLE];
      delete written[CHECKPOINT_TABLE];
      const rows = Object.values(source).reduce((n, table) => n + table.length, 0);

      expect(rows).toBeGreaterThan(events / 2);
      expect(written).toEqual(source);
      expect(result.rows).toBe(rows);
      expect(result.transactions).toBe(Math.ceil(events / SQLITE_READ_MODEL_LIMITS.replayPageSize));
      expect(checkpoints).toEqual([events]);

      const removed = join(tmp.dir, 'floor.sqlite');
      writeReadModelsRaw(db, removed);
      expect(['', '-wal', '-shm'].filter((s) => existsSync(`${removed}${s}`))).toEqual([]);
    } finally {
      await ledger.store.close();
    }
  });
});
