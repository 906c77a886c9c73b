import { setFlagsFromString } from 'node:v8';
import * as vm from 'node:vm';

/**
 * Events between two full collections of the main thread's heap while a
 * rebuild replays the read models (80 pages of 500). Every 10,000 events, as
 * before, the collections took a rebuild's helper threads 11-13 CPU s at 1M
 * events; every 40,000, 4 s, and peak RSS stayed at ~131 MB (ADR 0020 §84).
 */
export const REBUILD_COLLECT_EVERY_EVENTS = 40_000;

/**
 * The same for verification, whose peak RSS is the goal it misses: every
 * 20,000 events (40 pages of 500), 228-230 MB at 1M; every 40,000, 232.
 */
export const VERIFY_COLLECT_EVERY_EVENTS = 20_000;

let collect: (() => void) | undefined;
let pretenuringOff = false;

/** A full collection every `everyPages` pages of a replay. */
export interface HeapCollection {
  everyPages: number;
  run: () => void;
}

/** A full collection of this thread's heap about every `events` events of a replay read in pages of `pageSize`. */
export function collectEvery(events: number, pageSize: number): HeapCollection {
  return { everyPages: Math.max(1, Math.round(events / pageSize)), run: fullCollection() };
}

/**
 * A full garbage collection of this thread's heap, on demand (issue #16).
 * The replay keeps little alive (~15 MB), but V8 lets an unlimited heap grow
 * to up to 4x what its last full collection kept before it collects again:
 * the replay alone peaked at 215-232 MB RSS at 100k and at 1M events, 171-176
 * MB collecting every 10 pages (scratch script, tsx); a rebuild of 1M events
 * peaked at 156-171 MB, 124 MB collecting (ADR 0020 §63). A worker's
 * heap is bounded by its `resourceLimits` instead (`CHAIN_CHECK_HEAP_MB`);
 * the main thread's limit is the process's flags, which a library does not
 * set. `gc` is exposed to a fresh context only (`--expose-gc` at run time,
 * as V8 documents for embedders), never to the ledger's own globals.
 */
export function fullCollection(): () => void {
  if (collect === undefined) {
    setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  return collect;
}

/**
 * Turns V8's allocation-site pretenuring off, for the whole process, once
 * (issue #16, ADR 0020 §88). When most of a site's objects survived the
 * scavenges V8 sampled, it allocates that site's next objects straight in
 * the old generation. A replay's objects die within a page or two, but which
 * sites get picked depends on where the scavenges fall. In about one
 * `ledger verify` in four at 1M events, the main thread's old space then
 * took ~20 MB of garbage between two full collections. Verify peaked at
 * 231-237 MB instead of 208-216 (the main thread's old space 41-50 MB, not
 * ~20). What a replay allocates for a page dies with the page, so the
 * young generation is where it belongs.
 *
 * A V8 flag, set at run time as `fullCollection` sets `--expose-gc`, for
 * the whole process: `ledger verify` sets it, a process that does nothing
 * else. The API's verification thread does not: the API's commands cost
 * 5-8 % more CPU without pretenuring (scratch runs in turns). A flag set
 * later changes only the allocations after it; that is all this needs.
 */
export function stopPretenuring(): void {
  if (pretenuringOff) return;
  setFlagsFromString('--no-allocation-site-pretenuring');
  pretenuringOff = true;
}
