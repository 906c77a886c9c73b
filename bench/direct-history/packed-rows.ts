import { addStory, RowBatch } from './story-rows';
import type { StoryTexts } from './story-copy';
import type { TextTemplate } from './text-template';

/**
 * A batch as the thread posts it: its texts in two buffers, one byte a
 * character for the texts that allow it (nearly all) and two for the others,
 * each text's length in `lengths` (negative, `~length`, for a wide one), the
 * buffers transferred, not copied. Posting the arrays of strings themselves
 * cost the inserting thread more to receive than making them (V8 clones
 * each string); the strings of a whole batch held until it is posted cost
 * the worker twice its CPU (they outlive the young generation), so each
 * story's texts are written here as soon as they are made.
 */
export interface PackedRows {
  first: number;
  last: number;
  head: number;
  lengths: Int32Array;
  narrow: ArrayBuffer;
  wide: ArrayBuffer;
}

const WIDE = /[\u0100-\uffff]/;

/**
 * Per text of a story (story-rows.ts's order), whether its literal parts are
 * wide: with no wide value in the story, that says whether the text is, and
 * no text is searched (a search flattens it, a cost as large as making it).
 */
function wideParts(story: StoryTexts): boolean[] {
  const wide = (t: TextTemplate) => t.parts.some((part) => WIDE.test(part));
  const flags: boolean[] = [];
  for (const e of story.events) flags.push(false, wide(e.stream), wide(e.data), wide(e.metadata));
  for (const st of story.streams) flags.push(wide(st.stream));
  for (const d of story.documents) flags.push(wide(d.collection), wide(d.id), wide(d.doc));
  for (const row of story.journalRows) {
    for (const v of row.values) if ('text' in v) flags.push(wide(v.text));
  }
  return flags;
}

class Bytes {
  buffer = Buffer.allocUnsafeSlow(1 << 20);
  length = 0;

  write(text: string, bytes: number, encoding: 'latin1' | 'utf16le'): void {
    if (this.length + bytes > this.buffer.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.length + bytes));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    this.length += this.buffer.write(text, this.length, encoding);
  }

  /** Its own ArrayBuffer of exactly the bytes written, to be transferred. */
  take(): ArrayBuffer {
    const out = Buffer.allocUnsafeSlow(this.length);
    this.buffer.copy(out, 0, 0, this.length);
    return out.buffer as ArrayBuffer;
  }
}

export function makePackedRows(
  story: StoryTexts,
  valuesFor: (n: number, base: number) => string[],
  first: number,
  last: number,
  head: number,
): { packed: PackedRows; transfer: ArrayBuffer[] } {
  const narrow = new Bytes();
  const wide = new Bytes();
  const lengths: number[] = [];
  const partsWide = wideParts(story);
  for (let n = first; n < last; n++) {
    const texts: string[] = [];
    const values = valuesFor(n, head + (n - first) * story.eventsPerStory);
    addStory(story, values, texts);
    // Values are identifiers, numbers and hashes: were one wide, every text is searched.
    const wideValues = values.some((v) => WIDE.test(v));
    if (texts.length !== partsWide.length) throw new Error('a story of another shape');
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i];
      if (wideValues ? WIDE.test(text) : partsWide[i]) {
        wide.write(text, text.length * 2, 'utf16le');
        lengths.push(~text.length);
      } else {
        narrow.write(text, text.length, 'latin1');
        lengths.push(text.length);
      }
    }
  }
  const packed: PackedRows = {
    first,
    last,
    head,
    lengths: Int32Array.from(lengths),
    narrow: narrow.take(),
    wide: wide.take(),
  };
  return { packed, transfer: [packed.lengths.buffer as ArrayBuffer, packed.narrow, packed.wide] };
}

export function unpackRows(packed: PackedRows): RowBatch {
  const narrow = Buffer.from(packed.narrow).toString('latin1');
  const wide = Buffer.from(packed.wide).toString('utf16le');
  let atNarrow = 0;
  let atWide = 0;
  const texts = new Array<string>(packed.lengths.length);
  packed.lengths.forEach((length, i) => {
    if (length >= 0) texts[i] = narrow.substring(atNarrow, (atNarrow += length));
    else texts[i] = wide.substring(atWide, (atWide += ~length));
  });
  return { first: packed.first, last: packed.last, head: packed.head, texts };
}
