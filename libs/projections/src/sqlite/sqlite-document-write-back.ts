import type Database from 'better-sqlite3';
import type { DocumentKeyFilter } from './document-key-filter';

/** A document as the call last left it: `null` once deleted (or never there). */
interface PendingDocument {
  collection: string;
  id: string;
  doc: object | null;
  /** The position of the event that wrote it last (the row's `position`). */
  position: number;
  written: boolean;
}

/**
 * The documents one `apply` call reads and writes, kept parsed in memory and
 * written once at the end: a group commit's ~32 payments touch the same
 * budget, batch head and batch list entry once per event, and each of those
 * reads and writes was a JSON parse, a JSON text and an upsert (ADR 0020 §15).
 *
 * The rows it leaves are those the writes one by one would have left: each
 * (collection, id) gets its last write, with the position of the event that
 * made it, and a delete stays a delete. It lives for one call only, inside
 * the caller's transaction, so a rollback discards it with the rest.
 */
export class DocumentWriteBack {
  private readonly documents = new Map<string, PendingDocument>();

  constructor(
    private readonly statements: {
      getDocument: Database.Statement;
      putDocument: Database.Statement;
      deleteDocument: Database.Statement;
    },
    /** Every document ever put through this table's writer (a file only it writes, empty at first). */
    private readonly written?: DocumentKeyFilter,
  ) {}

  /** The document as this call's earlier events left it, else as stored. */
  load(collection: string, id: string): object | undefined {
    const key = documentKey(collection, id);
    const pending = this.documents.get(key);
    if (pending) return pending.doc ?? undefined;
    const row =
      this.written?.mightHave(key) === false
        ? undefined
        : (this.statements.getDocument.get(collection, id) as { doc: string } | undefined);
    const doc = row === undefined ? null : (JSON.parse(row.doc) as object);
    // Kept even when unchanged: the call's next event may read it again.
    this.documents.set(key, { collection, id, doc, position: 0, written: false });
    return doc ?? undefined;
  }

  put(collection: string, id: string, doc: object, position: number): void {
    const key = documentKey(collection, id);
    // A "maybe" stays a "maybe" (bits are never cleared): a key it already answers needs no adding.
    if (this.written?.mightHave(key) === false) this.written.add(key);
    this.documents.set(key, {
      collection,
      id,
      doc,
      position,
      written: true,
    });
  }

  delete(collection: string, id: string, position: number): void {
    this.documents.set(documentKey(collection, id), {
      collection,
      id,
      doc: null,
      position,
      written: true,
    });
  }

  /** Writes every document the call changed, each once. */
  flush(): void {
    const { putDocument, deleteDocument } = this.statements;
    for (const d of this.documents.values()) {
      if (!d.written) continue;
      if (d.doc === null) deleteDocument.run(d.collection, d.id);
      else putDocument.run(d.collection, d.id, JSON.stringify(d.doc), d.position);
    }
    this.documents.clear();
  }
}

// A tab never appears in a collection name (list terms are URI-encoded).
const documentKey = (collection: string, id: string) => `${collection}\t${id}`;
