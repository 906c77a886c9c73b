import { sha256Hex } from '@ledger/event-store/integrity/event-seal';
import type { StoryTexts } from './story-copy';
import { fillText } from './text-template';

/**
 * The texts of stories [first, last) placed from `head` on: everything of
 * their rows that costs CPU to make (identifiers, person keys, hash chains,
 * filled templates), in flat arrays in the story's fixed order, so that a
 * worker thread can make them (story-rows.thread.ts) and post them as a few
 * arrays of strings, and the writer only inserts them. What a row has that
 * the story fixes (a revision, a type, a position's offset, a journal
 * literal) is left to the writer.
 */
export interface RowBatch {
  first: number;
  last: number;
  head: number;
  /** Per event: event id, stream, data, metadata. */
  events: string[];
  /** Per stream: its name. */
  streams: string[];
  /** Per document: collection, id, doc. */
  documents: string[];
  /** Per journal row, per column that is a text with holes: the text. */
  journal: string[];
}

export const EVENT_STRIDE = 4;
export const DOCUMENT_STRIDE = 3;

export function makeRowBatch(
  story: StoryTexts,
  valuesFor: (n: number, base: number) => string[],
  first: number,
  last: number,
  head: number,
): RowBatch {
  const batch: RowBatch = {
    first,
    last,
    head,
    events: [],
    streams: [],
    documents: [],
    journal: [],
  };
  for (let n = first; n < last; n++) {
    const base = head + (n - first) * story.eventsPerStory;
    addStory(story, valuesFor(n, base), batch);
  }
  return batch;
}

function addStory(story: StoryTexts, values: string[], batch: RowBatch): void {
  story.events.forEach((e, k) => {
    // The stream's previous hash is in `values` already: its events come in order.
    values[e.hashSlot] = sha256Hex(fillText(e.hashInput, values));
    batch.events.push(
      values[story.eventIdSlots[k]],
      fillText(e.stream, values),
      fillText(e.data, values),
      fillText(e.metadata, values),
    );
  });
  for (const st of story.streams) batch.streams.push(fillText(st.stream, values));
  for (const d of story.documents) {
    batch.documents.push(
      fillText(d.collection, values),
      fillText(d.id, values),
      fillText(d.doc, values),
    );
  }
  for (const row of story.journalRows) {
    for (const v of row.values) if ('text' in v) batch.journal.push(fillText(v.text, values));
  }
}

/**
 * A batch as the thread posts it: its texts joined in two buffers, one byte
 * a character for the texts that allow it (nearly all) and two for the
 * others, each string's length in `lengths` (negative: `~length`, a wide
 * one). Posting the arrays of strings themselves cost the inserting thread
 * more to receive than making them (V8 clones each string, flattened).
 */
export interface PackedRows {
  first: number;
  last: number;
  head: number;
  counts: [events: number, streams: number, documents: number, journal: number];
  lengths: Int32Array;
  narrow: ArrayBuffer;
  wide: ArrayBuffer;
}

const WIDE = /[\u0100-\uffff]/;

export function packRows(batch: RowBatch): { packed: PackedRows; transfer: ArrayBuffer[] } {
  const all = [batch.events, batch.streams, batch.documents, batch.journal];
  const lengths = new Int32Array(all.reduce((sum, texts) => sum + texts.length, 0));
  const narrow: string[] = [];
  const wide: string[] = [];
  let i = 0;
  for (const texts of all) {
    for (const text of texts) {
      const isWide = WIDE.test(text);
      (isWide ? wide : narrow).push(text);
      lengths[i++] = isWide ? ~text.length : text.length;
    }
  }
  const encode = (text: string, encoding: 'latin1' | 'utf16le') => {
    const buffer = Buffer.allocUnsafeSlow(Buffer.byteLength(text, encoding));
    buffer.write(text, encoding);
    return buffer.buffer;
  };
  const packed: PackedRows = {
    first: batch.first,
    last: batch.last,
    head: batch.head,
    counts: [
      batch.events.length,
      batch.streams.length,
      batch.documents.length,
      batch.journal.length,
    ],
    lengths,
    narrow: encode(narrow.join(''), 'latin1'),
    wide: encode(wide.join(''), 'utf16le'),
  };
  return { packed, transfer: [lengths.buffer as ArrayBuffer, packed.narrow, packed.wide] };
}

export function unpackRows(packed: PackedRows): RowBatch {
  const narrow = Buffer.from(packed.narrow).toString('latin1');
  const wide = Buffer.from(packed.wide).toString('utf16le');
  let atNarrow = 0;
  let atWide = 0;
  let i = 0;
  const take = (count: number) => {
    const texts = new Array<string>(count);
    for (let j = 0; j < count; j++) {
      const length = packed.lengths[i++];
      if (length >= 0) texts[j] = narrow.substring(atNarrow, (atNarrow += length));
      else texts[j] = wide.substring(atWide, (atWide += ~length));
    }
    return texts;
  };
  const [events, streams, documents, journal] = packed.counts;
  return {
    first: packed.first,
    last: packed.last,
    head: packed.head,
    events: take(events),
    streams: take(streams),
    documents: take(documents),
    journal: take(journal),
  };
}
