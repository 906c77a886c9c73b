import type Database from 'better-sqlite3';
import { DOCUMENTS_TABLE } from './sqlite-read-model.schema';

/**
 * Where a writer of read models keeps its documents, as JSON texts keyed by
 * (collection, id), each with the position of the event that wrote it last.
 * The read models' own file keeps them in its `read_model_documents` table
 * (`sqliteDocumentTable`); verification's replay keeps them in a file of its
 * own (libs/audit's `ReplayDocumentFile`, ADR 0020 §103).
 */
export interface DocumentTable {
  /** The document's JSON text, or undefined when there is none. */
  get(collection: string, id: string): string | undefined;
  put(collection: string, id: string, json: string, position: number): void;
  delete(collection: string, id: string): void;
  /** Called after each batch of puts and deletes (a table that buffers them writes them out). */
  endWrites?(): void;
}

/**
 * One string for (collection, id), for maps of documents. A tab never
 * appears in a collection name (list terms are URI-encoded), so the first
 * tab splits it again, whatever the id holds.
 */
export const documentKey = (collection: string, id: string): string => `${collection}\t${id}`;

/** Parameters: collection, id, the document's JSON, the position of the event that wrote it. */
export const PUT_DOCUMENT_SQL =
  `INSERT INTO ${DOCUMENTS_TABLE} (collection, id, doc, position) VALUES (?, ?, ?, ?) ` +
  'ON CONFLICT (collection, id) DO UPDATE SET doc = excluded.doc, position = excluded.position';

/** The documents table of a read-model file (the tables exist: `createReadModelTables`). */
export function sqliteDocumentTable(db: Database.Database): DocumentTable {
  const getDocument = db
    .prepare(`SELECT doc FROM ${DOCUMENTS_TABLE} WHERE collection = ? AND id = ?`)
    .pluck(true);
  const putDocument = db.prepare(PUT_DOCUMENT_SQL);
  const deleteDocument = db.prepare(
    `DELETE FROM ${DOCUMENTS_TABLE} WHERE collection = ? AND id = ?`,
  );
  return {
    get: (collection, id) => getDocument.get(collection, id) as string | undefined,
    put: (collection, id, json, position) => {
      putDocument.run(collection, id, json, position);
    },
    delete: (collection, id) => {
      deleteDocument.run(collection, id);
    },
  };
}
