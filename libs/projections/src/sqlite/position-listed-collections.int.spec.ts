import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { OPEN_PROCESS_COLLECTION } from '../open-processes.projection';
import { SqliteReadModelFetcher } from './sqlite-read-model.fetcher';
import {
  DOCUMENTS_TABLE,
  POSITION_LISTED_COLLECTIONS,
  positionListedCollectionSql,
} from './sqlite-read-model.schema';
import { SqliteReadModels } from './sqlite-read-model.store';

const PARTIAL_INDEX = `${DOCUMENTS_TABLE}_${OPEN_PROCESS_COLLECTION}_position`;
const RETIRED_INDEX = `${DOCUMENTS_TABLE}_position`;

function indexNames(db: Database.Database): string[] {
  return (
    db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`)
      .all(DOCUMENTS_TABLE) as { name: string }[]
  ).map((r) => r.name);
}

/** Puts documents of `collection` at the given positions, as the writer stores them. */
function putDocuments(db: Database.Database, collection: string, positions: number[]): void {
  const put = db.prepare(
    `INSERT INTO ${DOCUMENTS_TABLE} (collection, id, doc, position) VALUES (?, ?, ?, ?)`,
  );
  for (const p of positions) put.run(collection, `id-${p}`, JSON.stringify({ p }), p);
}

describe('documents listed by position: a partial index for those collections only (ADR 0020 §71)', () => {
  let dir: string;
  let db: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-test-position-listed-'));
    db = new Database(join(dir, 'read-models.sqlite'));
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given the read models opened on a new file, then documents have their primary key and one partial index per listed collection, and no index over every collection', () => {
    new SqliteReadModels(db);
    const names = indexNames(db).filter((n) => !n.startsWith('sqlite_autoindex'));
    expect(names).toEqual(
      POSITION_LISTED_COLLECTIONS.map((c) => `${DOCUMENTS_TABLE}_${c}_position`),
    );
    const sql = (
      db.prepare(`SELECT sql FROM sqlite_master WHERE name = ?`).get(PARTIAL_INDEX) as {
        sql: string;
      }
    ).sql;
    expect(sql).toContain(`WHERE collection = '${OPEN_PROCESS_COLLECTION}'`);
  });

  it('given a file an older version wrote with the index over every collection, when the read models open on it, then that index is dropped and the partial one made', () => {
    db.exec(`CREATE TABLE ${DOCUMENTS_TABLE} (
  collection TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL, position INTEGER NOT NULL,
  PRIMARY KEY (collection, id)) STRICT, WITHOUT ROWID;
CREATE INDEX ${RETIRED_INDEX} ON ${DOCUMENTS_TABLE} (collection, position);`);
    expect(indexNames(db)).toContain(RETIRED_INDEX);
    new SqliteReadModels(db);
    expect(indexNames(db)).not.toContain(RETIRED_INDEX);
    expect(indexNames(db)).toContain(PARTIAL_INDEX);
  });

  it('given open processes among other documents, when listed by position, then SQLite reads the partial index in order (no sort, no scan of other collections) and answers the oldest first', async () => {
    new SqliteReadModels(db);
    putDocuments(db, OPEN_PROCESS_COLLECTION, [40, 10, 30, 20]);
    putDocuments(db, 'enterprise_balance', [5, 15, 25]);
    const plan = (
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT doc FROM ${DOCUMENTS_TABLE} WHERE collection = ${positionListedCollectionSql(OPEN_PROCESS_COLLECTION)} ORDER BY position, id LIMIT ?`,
        )
        .all(10) as { detail: string }[]
    )
      .map((r) => r.detail)
      .join('\n');
    expect(plan).toContain(`USING INDEX ${PARTIAL_INDEX}`);
    expect(plan).not.toContain('TEMP B-TREE');
    const fetcher = new SqliteReadModelFetcher(db);
    const docs = await fetcher.documentsByPosition<{ p: number }>(OPEN_PROCESS_COLLECTION, 3);
    expect(docs.map((d) => d.p)).toEqual([10, 20, 30]);
  });

  it('given a collection not listed by position, when a query asks for it by position, then it is refused rather than scanned', async () => {
    new SqliteReadModels(db);
    const fetcher = new SqliteReadModelFetcher(db);
    await expect(fetcher.documentsByPosition('enterprise_balance', 10)).rejects.toThrow(
      'not a collection listed by position',
    );
    expect(() => positionListedCollectionSql("open_process' OR '1'='1")).toThrow();
  });
});
