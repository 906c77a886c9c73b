import { sha256Hex } from '@ledger/event-store/integrity/event-seal';
import type { StoryTexts } from './story-copy';
import { fillText } from './text-template';

/**
 * The texts of stories [first, last) placed from `head` on: everything of
 * their rows that costs CPU to make (identifiers, person keys, hash chains,
 * filled templates), story after story in the story's fixed order (per
 * event its id, stream, data and metadata; per stream its name; per
 * document its collection, id and doc; per journal row its texts with
 * holes), so that a worker thread can make them (story-rows.worker.ts) and
 * the writer only inserts them. What a row has that the story fixes (a
 * revision, a type, a position's offset, a journal literal) is left to the
 * writer.
 */
export interface RowBatch {
  first: number;
  last: number;
  head: number;
  texts: string[];
}

/** Where a story's texts of each kind start among its own (`textsPerStory` in all). */
export interface TextLayout {
  streams: number;
  documents: number;
  journal: number;
  perStory: number;
}

const layouts = new WeakMap<StoryTexts, TextLayout>();

export function textLayout(story: StoryTexts): TextLayout {
  let layout = layouts.get(story);
  if (layout === undefined) {
    const streams = story.events.length * 4;
    const documents = streams + story.streams.length;
    const journal = documents + story.documents.length * 3;
    const journalTexts = story.journalRows.reduce(
      (sum, row) => sum + row.values.filter((v) => 'text' in v).length,
      0,
    );
    layout = { streams, documents, journal, perStory: journal + journalTexts };
    layouts.set(story, layout);
  }
  return layout;
}

export function makeRowBatch(
  story: StoryTexts,
  valuesFor: (n: number, base: number) => string[],
  first: number,
  last: number,
  head: number,
): RowBatch {
  const texts: string[] = [];
  for (let n = first; n < last; n++) {
    const base = head + (n - first) * story.eventsPerStory;
    addStory(story, valuesFor(n, base), texts);
  }
  return { first, last, head, texts };
}

export function addStory(story: StoryTexts, values: string[], texts: string[]): void {
  story.events.forEach((e, k) => {
    // The stream's previous hash is in `values` already: its events come in order.
    values[e.hashSlot] = sha256Hex(fillText(e.hashInput, values));
    texts.push(
      values[story.eventIdSlots[k]],
      fillText(e.stream, values),
      fillText(e.data, values),
      fillText(e.metadata, values),
    );
  });
  for (const st of story.streams) texts.push(fillText(st.stream, values));
  for (const d of story.documents) {
    texts.push(fillText(d.collection, values), fillText(d.id, values), fillText(d.doc, values));
  }
  for (const row of story.journalRows) {
    for (const v of row.values) if ('text' in v) texts.push(fillText(v.text, values));
  }
}
