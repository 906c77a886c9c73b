import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  CHECKPOINT_TABLE,
  DOCUMENTS_TABLE,
  JOURNAL_TABLES,
} from '@ledger/projections/sqlite/sqlite-read-model.schema';

/**
 * SHA-256 over every read-model row in key order: two files with the same
 * digest hold the same read models, row for row (the rebuild bench and the
 * direct history writer's proof compare a rebuild with what was there).
 */
export function readModelDigest(db: Database.Database): string {
  const hash = createHash('sha256');
  const queries = [
    `SELECT name, position FROM ${CHECKPOINT_TABLE} ORDER BY name`,
    `SELECT collection, id, position, doc FROM ${DOCUMENTS_TABLE} ORDER BY collection, id`,
    ...JOURNAL_TABLES.map((t) => `SELECT * FROM ${t.table} ORDER BY position, seq`),
  ];
  for (const sql of queries) {
    hash.update(sql);
    for (const row of db.prepare(sql).raw().iterate()) hash.update(JSON.stringify(row));
  }
  return hash.digest('hex');
}
