import { DocumentTable, documentKey } from './document-table';

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

  constructor(private readonly table: DocumentTable) {}

  /** The document as this call's earlier events left it, else as stored. */
  load(collection: string, id: string): object | undefined {
    const key = documentKey(collection, id);
    const pending = this.documents.get(key);
    if (pending) return pending.doc ?? undefined;
    const json = this.table.get(collection, id);
    const doc = json === undefined ? null : (JSON.parse(json) as object);
    // Kept even when unchanged: the call's next event may read it again.
    this.documents.set(key, { collection, id, doc, position: 0, written: false });
    return doc ?? undefined;
  }

  put(collection: string, id: string, doc: object, position: number): void {
    this.documents.set(documentKey(collection, id), {
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
    const { table } = this;
    for (const d of this.documents.values()) {
      if (!d.written) continue;
      if (d.doc === null) table.delete(d.collection, d.id);
      else table.put(d.collection, d.id, JSON.stringify(d.doc), d.position);
    }
    table.endWrites?.();
    this.documents.clear();
  }
}
