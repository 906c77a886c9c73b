import type { KeyObject } from 'node:crypto';
import { DEFAULT_POLICY_TABLE, PolicyTable } from '@ledger/domain/policy/policy-table';
import { upcastEventData } from '@ledger/domain/upcasting/upcasters';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { ProblemLog } from './audit-problem';
import { ChainVerifier, StoredTextsSource } from './chain-verifier';
import { checkpointSignatureProblem, LogCheckpoint } from './checkpoint';
import { InvariantChecker, ledgerInvariants } from './invariants/ledger-invariants';
import { SpillStore } from './spill-map';

/** Reads raw (not upcast) events in position order: `EventStore.readAll` paging. */
export type ReadRawPage = (afterPosition: number, maxCount: number) => Promise<RecordedEvent[]>;

export const VERIFY_LIMITS = {
  /**
   * Both threads of a verification hold a page of events, parsed, while they
   * check or replay it: at 1,000 verify of 1M events peaked at 238-241 MB,
   * at 500 at 228-230 (ADR 0020 §84).
   */
  pageSizeDefault: 500,
  /**
   * The log thread's pages when no size is asked for. It keeps nothing of a
   * page once it is checked, so every event of the page is still alive at
   * each of its young generation's collections and copied by it: at 1M
   * events the thread took 33-43 CPU s with 200, 40-54 with 500, in three
   * rounds in turns, verify 13-15 % faster (ADR 0020 §91). The replay
   * stays at 500: its read models are written back once a page, and at 200
   * its thread took 37 CPU s instead of 30.
   */
  logThreadPageSizeDefault: 200,
  pageSizeMax: 10_000,
} as const;

export interface VerifyLogOptions {
  readPage: ReadRawPage;
  problems: ProblemLog;
  /** Stop after this position (the head when verification started). Default: until a page is empty. */
  upToPosition?: number;
  pageSize?: number;
  /** SQLite promises positions without gaps; EventStoreDB does not. */
  contiguousPositions?: boolean;
  /** Check the rules of RULES.md over the history (default true). */
  invariants?: boolean;
  policies?: PolicyTable;
  /** Each page, upcast to current shapes, after it was checked (replays the read models). */
  onPage?: (events: RecordedEvent[]) => void | Promise<void>;
  onProgress?: (events: number, position: number) => void;
  /** Prove the log still extends this checkpoint. */
  checkpoint?: { checkpoint: LogCheckpoint; trustedKey?: KeyObject };
  /** A full garbage collection every `everyPages` pages (`libs/projections/src/heap-bound.ts`; the main thread's walk). */
  collect?: { everyPages: number; run: () => void };
  /** Entries each per-key state keeps in memory before spilling to disk (tests set a few). */
  spillHotEntries?: number;
  /** Where the spill file goes (`verifyLedger`'s `workDir`; default the OS temp directory). */
  workDir?: string;
  /** The texts the events of `readPage` were stored as, when the reader keeps them (hashed as they are). */
  storedTexts?: StoredTextsSource;
}

export interface CheckpointResult {
  ok: boolean;
  toPosition: number;
  eventCount: number;
  rootHash: string;
  signedAt: string;
  signatureOk: boolean;
  /** The root recomputed over the same events (absent when the log is shorter). */
  recomputedRootHash?: string;
  recomputedEventCount: number;
  message?: string;
}

export interface LogVerification {
  events: number;
  lastPosition: number;
  streams: number;
  hashedEvents: number;
  unhashedEvents: number;
  /** What a checkpoint of everything verified would sign. */
  logRoot: { fromPosition: 0; toPosition: number; eventCount: number; rootHash: string };
  invariantRules: string[];
  checkpoint?: CheckpointResult;
}

/** The stored event in the current shape of its type (metadata untouched). */
export function upcastRecorded(event: RecordedEvent): RecordedEvent {
  const data = upcastEventData(event);
  return data === event.data ? event : { ...event, data };
}

/** The page size asked for, or the default; a RangeError outside 1..pageSizeMax. */
export function checkedPageSize(pageSize: number | undefined): number {
  const size = pageSize ?? VERIFY_LIMITS.pageSizeDefault;
  if (!Number.isSafeInteger(size) || size < 1 || size > VERIFY_LIMITS.pageSizeMax) {
    throw new RangeError(`pageSize must be an integer in 1..${VERIFY_LIMITS.pageSizeMax}`);
  }
  return size;
}

/**
 * Reads the log from position 0 up to `upToPosition`, page by page, each
 * event through `observe` (which answers it upcast), and hands each page to
 * `onPage`; answers how many events it read.
 */
export async function walkLog(
  options: Pick<
    VerifyLogOptions,
    'readPage' | 'upToPosition' | 'pageSize' | 'onPage' | 'onProgress' | 'collect'
  >,
  observe: (event: RecordedEvent) => RecordedEvent,
): Promise<number> {
  const pageSize = checkedPageSize(options.pageSize);
  const upTo = options.upToPosition ?? Number.MAX_SAFE_INTEGER;
  let after = 0;
  let events = 0;
  let pages = 0;
  for (;;) {
    if (options.collect && pages > 0 && pages % options.collect.everyPages === 0) {
      options.collect.run();
    }
    pages += 1;
    const raw = await options.readPage(after, pageSize);
    const page = raw.filter((e) => e.position <= upTo);
    if (page.length === 0) break;
    const upcast = page.map(observe);
    events += page.length;
    after = page[page.length - 1].position;
    await options.onPage?.(upcast);
    options.onProgress?.(events, after);
    if (page.length < raw.length || after >= upTo) break;
  }
  return events;
}

/**
 * One streaming pass over the global log from position 0 (ADR 0007): checks
 * the hash chains and the order, keeps the log root, checks a checkpoint when
 * given, upcasts each event and checks the invariants of RULES.md over it,
 * and hands each page on (to replay the read models). Memory: one page of
 * events, plus the bounded per-key state of the chain and the invariants.
 */
export async function verifyLog(options: VerifyLogOptions): Promise<LogVerification> {
  checkedPageSize(options.pageSize);
  // The per-stream and per-person state past a bound goes to disk (issue #16: ~300 MB at 1M events).
  const spill = new SpillStore(options.spillHotEntries, options.workDir);
  try {
    return await verifyLogWith(options, spill);
  } finally {
    spill.close();
  }
}

async function verifyLogWith(
  options: VerifyLogOptions,
  spill: SpillStore,
): Promise<LogVerification> {
  const chain = new ChainVerifier(
    options.contiguousPositions ?? false,
    spill.map(),
    options.storedTexts,
  );
  const checker =
    options.invariants === false
      ? undefined
      : new InvariantChecker(ledgerInvariants(options.policies ?? DEFAULT_POLICY_TABLE, spill));
  const checkpoint = options.checkpoint ? new CheckpointCheck(options.checkpoint) : undefined;
  const events = await walkLog(options, (event) => {
    checkpoint?.before(event.position, chain);
    const { problems } = chain.observe(event);
    options.problems.addAll(problems);
    const current = upcastRecorded(event);
    if (checker) options.problems.addAll(checker.observe(current));
    return current;
  });
  const checkpointResult = checkpoint?.finish(chain);
  if (checkpointResult && !checkpointResult.ok) {
    options.problems.add({
      position: checkpoint!.problemPosition(chain),
      check: 'checkpoint',
      message: checkpointResult.message ?? 'the log does not extend the checkpoint',
    });
  }
  return {
    events,
    lastPosition: chain.root.position,
    streams: chain.streams,
    hashedEvents: chain.hashedEvents,
    unhashedEvents: chain.unhashedEvents,
    logRoot: {
      fromPosition: 0,
      toPosition: chain.root.position,
      eventCount: chain.root.eventCount,
      rootHash: chain.root.rootHash,
    },
    invariantRules: checker?.rules ?? [],
    checkpoint: checkpointResult,
  };
}

/** Takes the root at the checkpoint's position, as the pass goes by it. */
class CheckpointCheck {
  private taken: { eventCount: number; rootHash: string; position: number } | undefined;

  constructor(private readonly given: { checkpoint: LogCheckpoint; trustedKey?: KeyObject }) {}

  /** Called before each event is added to the root. */
  before(position: number, chain: ChainVerifier): void {
    if (this.taken === undefined && position > this.given.checkpoint.toPosition) this.take(chain);
  }

  finish(chain: ChainVerifier): CheckpointResult {
    if (this.taken === undefined) this.take(chain);
    const c = this.given.checkpoint;
    const taken = this.taken!;
    const signatureProblem = checkpointSignatureProblem(c, this.given.trustedKey);
    const problems: string[] = [];
    if (signatureProblem) problems.push(signatureProblem);
    if (taken.eventCount !== c.eventCount) {
      problems.push(
        `the log holds ${taken.eventCount} events up to position ${c.toPosition}; the checkpoint signed ${c.eventCount}: events were ${taken.eventCount < c.eventCount ? 'removed' : 'inserted'}`,
      );
    } else if (taken.rootHash !== c.rootHash) {
      problems.push(
        `the log root up to position ${c.toPosition} is ${taken.rootHash}; the checkpoint signed ${c.rootHash}: events up to it were changed or reordered`,
      );
    }
    return {
      ok: problems.length === 0,
      toPosition: c.toPosition,
      eventCount: c.eventCount,
      rootHash: c.rootHash,
      signedAt: c.signedAt,
      signatureOk: signatureProblem === undefined,
      recomputedRootHash: taken.rootHash,
      recomputedEventCount: taken.eventCount,
      message: problems.length > 0 ? problems.join('; ') : undefined,
    };
  }

  /** Where to point a failed checkpoint: the first position it covers that no other check names. */
  problemPosition(chain: ChainVerifier): number {
    return Math.min(this.given.checkpoint.toPosition, Math.max(1, chain.root.position));
  }

  private take(chain: ChainVerifier): void {
    this.taken = {
      eventCount: chain.root.eventCount,
      rootHash: chain.root.rootHash,
      position: chain.root.position,
    };
  }
}
