import type Database from 'better-sqlite3';
import { DocumentTable, documentKey } from '@ledger/projections/sqlite/document-table';
import { DOCUMENTS_TABLE } from '@ledger/projections/sqlite/sqlite-read-model.schema';
import { canonicalJson } from '@ledger/event-store/integrity/canonical-json';
import { entryKey, entryMap, entryValue, SpillEntryBatch } from './spill-entry';
import { SpillEntryReader, spillEntryReaderFor } from './spill-entry-reader';
import { SpillStore } from './spill-map';

/**
 * Texts held before they are written out. A page's documents held until its
 * end (~1-2 MB) outlived the young generation's collections that fell in
 * their flush and were promoted: the main thread's old space grew to 28 MB
 * instead of 19 between two full collections (ADR 0020 §103).
 */
const PENDING_CHARS_MAX = 64 * 1024;

/** The one map of the file's `SpillStore`. */
const DOCUMENTS = 1;

/**
 * Verification's replayed documents (issue #16, ADR 0020 §103), in a file of
 * their own: each batch of writes is appended in one `write`, a document
 * written again or deleted leaves its old bytes behind, and `SpillIndex`
 * finds the live one. It was a SQLite table in the replay's scratch file:
 * at 1M events its 743k upserts into a B-tree of 436k documents (358 MB, in
 * random key order, past an 8 MiB page cache) took 8-9 of the replay's
 * 26 CPU s, where the documents are only written once a page, read back a
 * few thousand times, and compared once at the end.
 *
 * Entries: the key `documentKey(collection, id)` and the value
 * `position \t json`. The file is removed on `close`.
 */
export class ReplayDocumentFile implements DocumentTable {
  private readonly store: SpillStore;
  /**
   * Written since the last write to the file, by key; none of them is in the
   * file. A new Map after each write, not `clear()`: a cleared Map's old
   * table keeps pointing at the texts, and once that table had been
   * promoted the young generation's collections kept them alive and promoted
   * them too, 470 MB over verify of 1M events (ADR 0020 §103).
   */
  private pending = new Map<string, string>();
  private pendingChars = 0;

  constructor(workDir?: string) {
    this.store = new SpillStore(1, workDir);
  }

  get(collection: string, id: string): string | undefined {
    const key = documentKey(collection, id);
    const value = this.pending.get(key) ?? this.store.find(DOCUMENTS, key);
    return value === undefined ? undefined : value.slice(value.indexOf('\t') + 1);
  }

  put(collection: string, id: string, json: string, position: number): void {
    const key = documentKey(collection, id);
    if (!this.pending.has(key)) this.store.remove(DOCUMENTS, key);
    this.pending.set(key, `${position}\t${json}`);
    this.pendingChars += json.length;
    if (this.pendingChars >= PENDING_CHARS_MAX) this.endWrites();
  }

  delete(collection: string, id: string): void {
    const key = documentKey(collection, id);
    if (!this.pending.delete(key)) this.store.remove(DOCUMENTS, key);
  }

  endWrites(): void {
    if (this.pending.size === 0) return;
    this.store.put(DOCUMENTS, [...this.pending]);
    this.pending = new Map();
    this.pendingChars = 0;
  }

  /** The file's path (removed on close). */
  get path(): string {
    return this.store.file;
  }

  /** Where the document may be in the file (read the entries to see which holds it). */
  slotsOf(key: string): number[] {
    this.endWrites();
    return this.store.slotsOf(DOCUMENTS, key);
  }

  /** Takes the document found at `slot` out, for the comparison; false when taken already. */
  takeSlot(key: string, slot: number): boolean {
    return this.store.takeSlot(DOCUMENTS, key, slot);
  }

  /** A reader of the file's entries, on this thread or on one of its own (`spillEntryReaderFor`). */
  entryReader(onThread: boolean | Promise<unknown>): SpillEntryReader {
    this.endWrites();
    return spillEntryReaderFor(this.store, onThread);
  }

  /** The documents not taken, in no particular order. */
  *remaining(): IterableIterator<{ collection: string; id: string } & ReplayedDocument> {
    this.endWrites();
    for (const [key, value] of this.store.entries(DOCUMENTS)) {
      const tab = key.indexOf('\t');
      yield { collection: key.slice(0, tab), id: key.slice(tab + 1), ...replayedDocument(value) };
    }
  }

  close(): void {
    this.store.close();
  }
}

export interface ReplayedDocument {
  /** The position of the event that wrote it last. */
  position: number;
  json: string;
}

function replayedDocument(value: string): ReplayedDocument {
  const tab = value.indexOf('\t');
  return { position: Number(value.slice(0, tab)), json: value.slice(tab + 1) };
}

/** collection, id, position, doc (a tampered file may hold other types) */
type DocumentRow = [unknown, unknown, unknown, unknown];

/**
 * Live documents compared a batch at a time: one read of their replayed ones
 * each. Two batches are held at once; at 512 rows (up to ~20 MB of texts
 * where the 10 KB application documents follow each other in key order)
 * they outlived young collections and verify of 1M events peaked at
 * 264-280 MB instead of ~190 (ADR 0020 §105).
 */
export const COMPARE_BATCH_ROWS = 64;

/** Live rows, and where their replayed documents may be in the file. */
interface CompareBatch {
  rows: DocumentRow[];
  keys: string[];
  /** Row i may be at `slots[first[i]]` .. `slots[first[i + 1] - 1]` (usually one). */
  first: number[];
  slots: number[];
  entries: Promise<SpillEntryBatch>;
}

/**
 * Compares the live documents with the replayed ones: each live row, read in
 * key order, takes its replayed document out of the file; those left over
 * are missing from the live read models. Reports each difference at the
 * position it concerns (the event that last wrote the document, on the side
 * that has it). Answers how many documents it compared.
 *
 * The replayed documents are read a batch at a time, with `readOnThread` on
 * a thread of its own while this one compares the batch before (ADR 0020
 * §105): one `pread` a document, in random order, was most of the
 * comparison's time. A promise: once it settles (`spillEntryReaderFor`).
 */
export async function compareReplayedDocuments(
  live: Database.Database,
  replayed: ReplayDocumentFile,
  report: (position: number, message: string) => void,
  options: { readOnThread?: boolean | Promise<unknown> } = {},
): Promise<number> {
  let compared = 0;
  const reader = replayed.entryReader(options.readOnThread ?? false);
  // Rows as arrays: an object row is built one property at a time (ADR 0020 §80, §92).
  const rows = live
    .prepare(`SELECT collection, id, position, doc FROM ${DOCUMENTS_TABLE} ORDER BY collection, id`)
    .raw()
    .iterate() as IterableIterator<DocumentRow>;
  const spare: Buffer[] = [];
  try {
    let previous: CompareBatch | undefined;
    for (;;) {
      // The next batch is asked for before the last one is compared.
      const next = nextBatch(rows, replayed, reader, spare.pop());
      if (previous) {
        const entries = await previous.entries;
        compareBatch(previous, entries, replayed, report);
        compared += previous.rows.length;
        spare.push(entries.buffer);
      }
      if (next === undefined) break;
      previous = next;
    }
  } finally {
    rows.return?.();
    await reader.close();
  }
  for (const missing of replayed.remaining()) {
    compared += 1;
    report(
      missing.position,
      `${missing.collection} ${missing.id}: missing from the live read model`,
    );
  }
  return compared;
}

function nextBatch(
  rows: IterableIterator<DocumentRow>,
  replayed: ReplayDocumentFile,
  reader: SpillEntryReader,
  recycled: Buffer | undefined,
): CompareBatch | undefined {
  const batch: Omit<CompareBatch, 'entries'> = { rows: [], keys: [], first: [], slots: [] };
  while (batch.rows.length < COMPARE_BATCH_ROWS) {
    const next = rows.next();
    if (next.done) break;
    const key = documentKey(String(next.value[0]), String(next.value[1]));
    batch.rows.push(next.value);
    batch.keys.push(key);
    batch.first.push(batch.slots.length);
    for (const slot of replayed.slotsOf(key)) batch.slots.push(slot);
  }
  if (batch.rows.length === 0) return undefined;
  batch.first.push(batch.slots.length);
  // A copy: the reader may move its array to another thread.
  const entries = reader.read(Uint32Array.from(batch.slots), recycled);
  // Awaited in turn; a failure while an earlier batch is compared is not unhandled.
  entries.catch(() => undefined);
  return { ...batch, entries };
}

function compareBatch(
  batch: CompareBatch,
  entries: SpillEntryBatch,
  replayed: ReplayDocumentFile,
  report: (position: number, message: string) => void,
): void {
  const { buffer, starts } = entries;
  for (let i = 0; i < batch.rows.length; i++) {
    const key = batch.keys[i];
    let replay: ReplayedDocument | undefined;
    for (let c = batch.first[i]; c < batch.first[i + 1]; c++) {
      const at = starts[c];
      if (entryMap(buffer, at) !== DOCUMENTS || entryKey(buffer, at) !== key) continue;
      if (replayed.takeSlot(key, batch.slots[c])) replay = replayedDocument(entryValue(buffer, at));
      break;
    }
    compareDocument(batch.rows[i], replay, report);
  }
}

function compareDocument(
  row: DocumentRow,
  replay: ReplayedDocument | undefined,
  report: (position: number, message: string) => void,
): void {
  const [collection, id, position, doc] = [String(row[0]), String(row[1]), row[2], row[3]];
  if (replay === undefined) {
    report(num(position), `${collection} ${id}: in the live read model, but no event makes it`);
  } else if (doc !== replay.json && !sameJson(String(doc), replay.json)) {
    // Written last by different events: the later one is the one a side lacks.
    report(
      Math.max(num(position), replay.position),
      `${collection} ${id}: the live document differs from the replay of the events`,
    );
  } else if (num(position) !== replay.position) {
    report(
      Math.max(num(position), replay.position),
      `${collection} ${id}: last written at position ${num(position)} live, ${replay.position} by the replay`,
    );
  }
}

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));

/** The same JSON value written as other text (another key order). */
export function sameJson(a: string, b: string): boolean {
  try {
    return canonicalJson(JSON.parse(a)) === canonicalJson(JSON.parse(b));
  } catch {
    return false;
  }
}
