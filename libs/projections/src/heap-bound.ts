import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/**
 * Pages of events (1,000 each by default) between two full collections of
 * the main thread's heap while verification or a rebuild replays the read
 * models.
 */
export const COLLECT_EVERY_PAGES = 10;

let collect: (() => void) | undefined;

/** A full collection every `everyPages` pages of a replay. */
export interface HeapCollection {
  everyPages: number;
  run: () => void;
}

/**
 * A full garbage collection of this thread's heap, on demand (issue #16).
 * The replay keeps little alive (~15 MB), but V8 lets an unlimited heap grow
 * to up to 4x what its last full collection kept before it collects again:
 * the replay alone peaked at 215-232 MB RSS at 100k and at 1M events, 171-176
 * MB collecting every 10 pages (scratch script, tsx); a rebuild of 1M events
peaked at 156-171 MB, 124 MB collecting (ADR 0020 §63). A worker's
 * heap is bounded by its `resourceLimits` instead (`CHAIN_CHECK_HEAP_MB`);
 * the main thread's limit is the process's flags, which a library does not
 * set. `gc` is exposed to a fresh context only (`--expose-gc` at run time,
 * as V8 documents for embedders), never to the ledger's own globals.
 */
export function fullCollection(): () => void {
  if (collect === undefined) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  return collect;
}
