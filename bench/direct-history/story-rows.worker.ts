import { parentPort, workerData } from 'node:worker_threads';
import { storyReplacements } from '../history';
import { slotValues, StoryTexts } from './story-copy';
import { makePackedRows, PackedRows } from './packed-rows';

/** What `StoryRowsThread` hands the thread: the story's texts and how to name story `n`. */
export interface StoryRowsInput {
  story: StoryTexts;
  templateEnterpriseId: string;
  claimsPerStory: number;
}

/** Stories [first, last), the first one's first event at `head + 1`. */
export interface StoryRowsRequest {
  first: number;
  last: number;
  head: number;
}

export type StoryRowsMessage =
  { kind: 'rows'; rows: PackedRows } | { kind: 'failed'; message: string };

/**
 * The CPU of a history's texts (person keys, hash chains, filled templates)
 * on a thread of its own (ADR 0020 §59): rows for each request, in the order
 * asked. A failure is posted, then the thread stops answering.
 */
const input = workerData as StoryRowsInput;
const port = parentPort!;
const valuesFor = (n: number, base: number) =>
  slotValues(
    input.story,
    storyReplacements(input.templateEnterpriseId, input.claimsPerStory, n),
    n,
    base,
  );
let failed = false;
port.on('message', (request: StoryRowsRequest) => {
  if (failed) return;
  try {
    const { first, last, head } = request;
    const { packed, transfer } = makePackedRows(input.story, valuesFor, first, last, head);
    port.postMessage({ kind: 'rows', rows: packed } satisfies StoryRowsMessage, transfer);
  } catch (err) {
    failed = true;
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    port.postMessage({ kind: 'failed', message } satisfies StoryRowsMessage);
  }
});
