import type Redis from 'ioredis';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { assertNonNegativeInteger } from '../read-model-arguments';
import {
  isListIndexCollection,
  OperationWriter,
  Projection,
  projectionOperations,
  writeOperations,
} from '../read-model';
import { APPLY_EVENT_SCRIPT, APPLY_EVENT_SHA, SCRIPT_REPLY } from './redis-apply.script';
import { RedisDocumentCache } from './redis-document-cache';
import {
  assertKeyName,
  encodeRowMember,
  normaliseJournalRow,
  parseCheckpoint,
  RedisJournal,
  redisJournal,
  RedisKeys,
} from './redis-layout';
import {
  RedisReadModelsGapError,
  RedisReadModelsRebuildingError,
  RedisReadModelsVersionError,
} from './redis-read-model.errors';

export const REDIS_READ_MODEL_LIMITS = {
  /** Events per round trip in `applyEvents`. */
  batchSize: 256,
  /** Documents kept in memory at the last checkpoint this instance wrote. */
  documentCacheSize: 10_000,
  /** Keys per MGET. */
  mgetChunk: 500,
  /** Rounds in a row that made no progress (NOSCRIPT, conflicts) before giving up. */
  maxIdleRounds: 1_000,
} as const;

export interface ApplyEventsResult {
  /** Events this call wrote. */
  applied: number;
  /** Events already applied (by an earlier call or another writer). */
  skipped: number;
}

export type ApplyStatus = 'applied' | 'skipped';

interface ScriptCall {
  position: number;
  keys: string[];
  argv: string[];
}

export interface RedisReadModelWriterOptions {
  projections: readonly Projection[];
  /** `projectionsSignature(projections)`. */
  signature: string;
  batchSize: number;
  documentCacheSize: number;
  rebuildToken: string;
}

/**
 * Applies runs of events to the Redis read models, each event exactly once
 * with its checkpoint: see the comment in `redis-read-models.ts` for how.
 */
export class RedisReadModelWriter {
  private readonly projections: readonly Projection[];
  private readonly journals = new Map<string, RedisJournal>();
  private readonly cache: RedisDocumentCache;
  private scriptLoaded = false;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly options: RedisReadModelWriterOptions,
  ) {
    this.projections = options.projections;
    this.cache = new RedisDocumentCache(options.documentCacheSize);
    for (const p of this.projections) {
      if (p.kind === 'document') {
        assertKeyName('collection', p.collection);
        continue;
      }
      assertKeyName('journal', p.journal);
      const journal = redisJournal(p.journal);
      if (!journal)
        throw new Error(`projection ${p.name}: no Redis layout for journal ${p.journal}`);
      this.journals.set(p.journal, journal);
    }
  }

  /** A run of events in order; `afterPosition` as in `ApplyEventsOptions`. */
  async applyRun(
    events: readonly RecordedEvent[],
    afterPosition: number | undefined,
  ): Promise<ApplyEventsResult> {
    assertRun(events, afterPosition);
    if (!this.scriptLoaded && events.length > 0) {
      // Once, so that the first batch is not sent in vain; NOSCRIPT after a
      // restart or SCRIPT FLUSH is still handled round by round.
      await this.redis.script('LOAD', APPLY_EVENT_SCRIPT);
      this.scriptLoaded = true;
    }
    const status = new Array<ApplyStatus | undefined>(events.length);
    let i = 0;
    let idle = 0;
    try {
      while (i < events.length) {
        const end = Math.min(events.length, i + this.options.batchSize);
        const next = await this.applyRound(events, i, end, afterPosition, status);
        idle = next === i ? idle + 1 : 0;
        if (idle > REDIS_READ_MODEL_LIMITS.maxIdleRounds) {
          throw new Error(`Redis read models: no progress at position ${events[i].position}`);
        }
        i = next;
      }
    } finally {
      this.cache.trim();
    }
    const applied = status.filter((s) => s === 'applied').length;
    return { applied, skipped: events.length - applied };
  }

  /**
   * One round trip's worth: snapshot, compute, one script per event.
   * Returns the index to carry on from.
   */
  private async applyRound(
    events: readonly RecordedEvent[],
    start: number,
    end: number,
    afterPosition: number | undefined,
    status: (ApplyStatus | undefined)[],
  ): Promise<number> {
    // The documents the round touches, read with the checkpoint (or cached).
    const needed = new Set<string>();
    let failure: { error: unknown } | undefined;
    for (let k = start; k < end && !failure; k++) {
      try {
        for (const p of this.projections) {
          if (p.kind !== 'document') continue;
          for (const id of p.documentIds(events[k])) needed.add(this.keys.doc(p.collection, id));
        }
      } catch (error) {
        failure = { error };
        end = k;
      }
    }
    const checkpoint = await this.snapshot([...needed]);

    let first = start;
    while (first < end && events[first].position <= checkpoint) status[first++] ??= 'skipped';
    if (first === end) {
      if (failure) throw failure.error;
      return end;
    }
    const predecessor = first > 0 ? events[first - 1].position : afterPosition;
    if (predecessor !== undefined && checkpoint < predecessor) {
      this.cache.invalidate();
      throw new RedisReadModelsGapError(checkpoint, predecessor);
    }

    // Every event's operations, each against the state its predecessor left.
    const overlay = new Map<string, string | null>();
    const calls: ScriptCall[] = [];
    for (let k = first; k < end; k++) {
      const expected = k === first ? checkpoint : events[k - 1].position;
      try {
        calls.push(this.scriptCall(events[k], expected, overlay));
      } catch (error) {
        failure = { error };
        break;
      }
    }
    if (calls.length === 0) throw failure!.error;

    const pipeline = this.redis.pipeline();
    for (const c of calls) pipeline.evalsha(APPLY_EVENT_SHA, c.keys.length, ...c.keys, ...c.argv);
    let results: [Error | null, unknown][] | null;
    try {
      results = await pipeline.exec();
    } catch (error) {
      this.cache.invalidate();
      throw error;
    }
    if (!results) {
      this.cache.invalidate();
      throw new Error('Redis pipeline returned no results');
    }

    let allApplied = true;
    let noScript = false;
    let error: unknown;
    let refusal: Error | undefined;
    results.forEach(([err, reply], n) => {
      const k = first + n;
      if (err) {
        allApplied = false;
        if (/^NOSCRIPT/.test(err.message)) noScript = true;
        else error ??= err;
        return;
      }
      switch (Number(reply)) {
        case SCRIPT_REPLY.applied:
          status[k] = 'applied';
          return;
        case SCRIPT_REPLY.skipped:
          status[k] ??= 'skipped';
          break;
        case SCRIPT_REPLY.conflict:
          break;
        case SCRIPT_REPLY.version:
          refusal ??= new RedisReadModelsVersionError(
            this.keys.prefix,
            null,
            this.options.signature,
          );
          break;
        case SCRIPT_REPLY.rebuilding:
          refusal ??= new RedisReadModelsRebuildingError(this.keys.prefix);
          break;
        default:
          error ??= new Error(`unexpected reply from the apply script: ${String(reply)}`);
      }
      allApplied = false;
    });

    if (allApplied) {
      for (const [key, doc] of overlay) this.cache.set(key, doc);
      this.cache.at = calls[calls.length - 1].position;
    } else {
      this.cache.invalidate();
    }
    if (refusal instanceof RedisReadModelsVersionError) {
      const stored = await this.redis.get(this.keys.projections);
      throw new RedisReadModelsVersionError(this.keys.prefix, stored, this.options.signature);
    }
    if (refusal) throw refusal;
    if (error) throw error;
    if (noScript) await this.redis.script('LOAD', APPLY_EVENT_SCRIPT);
    if (allApplied && failure) throw failure.error;
    let next = start;
    while (next < end && status[next] !== undefined) next++;
    return next;
  }

  /** The checkpoint and the given documents as of it, from the cache or one MULTI. */
  private async snapshot(keys: string[]): Promise<number> {
    if (this.cache.covers(keys)) {
      for (const k of keys) this.cache.set(k, this.cache.get(k)!);
      return this.cache.at!;
    }
    const multi = this.redis.multi().get(this.keys.checkpoint);
    const chunk = REDIS_READ_MODEL_LIMITS.mgetChunk;
    for (let i = 0; i < keys.length; i += chunk) multi.mget(...keys.slice(i, i + chunk));
    const replies = await multi.exec();
    if (!replies) throw new Error('Redis MULTI was aborted');
    for (const [err] of replies) if (err) throw err;
    const checkpoint = parseCheckpoint(replies[0][1] as string | null);
    this.cache.invalidate();
    this.cache.at = checkpoint;
    let n = 0;
    for (const [, docs] of replies.slice(1)) {
      for (const doc of docs as (string | null)[]) this.cache.set(keys[n++], doc);
    }
    return checkpoint;
  }

  /**
   * The script call for one event: every projection's operations, computed
   * against the cache plus what earlier events of the round wrote (`overlay`,
   * updated only once the whole event has been computed).
   */
  private scriptCall(
    event: RecordedEvent,
    expected: number,
    overlay: Map<string, string | null>,
  ): ScriptCall {
    const position = event.position;
    const keys = [this.keys.checkpoint, this.keys.projections, this.keys.fence];
    const keyIndex = new Map<string, number>();
    const k = (key: string): string => {
      let index = keyIndex.get(key);
      if (index === undefined) {
        index = keys.push(key);
        keyIndex.set(key, index);
      }
      return String(index);
    };
    const argv = [
      String(position),
      String(expected),
      this.options.signature,
      this.options.rebuildToken,
    ];
    const written = new Map<string, string | null>();
    const current = (key: string): string | null => {
      if (written.has(key)) return written.get(key)!;
      if (overlay.has(key)) return overlay.get(key)!;
      return this.cache.get(key) ?? null;
    };
    for (const projection of this.projections) {
      const operations = projectionOperations(projection, event, (collection, id) => {
        const json = current(this.keys.doc(collection, id));
        return json === null ? undefined : (JSON.parse(json) as object);
      });
      // As SQLite: one projection's operations are computed from the state
      // before them, then applied, before the next projection looks.
      const pending = new Map<string, string | null>();
      writeOperations(operations, this.scriptArguments(position, argv, k, pending));
      for (const [key, json] of pending) written.set(key, json);
    }
    for (const [key, json] of written) overlay.set(key, json);
    return { position, keys, argv };
  }

  /**
   * Adds each operation to the script's ARGV (`key` gives a key's index in
   * KEYS) and the documents it writes to `pending`.
   */
  private scriptArguments(
    position: number,
    argv: string[],
    key: (key: string) => string,
    pending: Map<string, string | null>,
  ): OperationWriter {
    const score = String(position);
    return {
      put: (op) => {
        const doc = this.keys.doc(op.collection, op.id);
        const json = JSON.stringify(op.doc);
        pending.set(doc, json);
        argv.push('S', key(doc), json, 'Z', key(this.keys.docIndex(op.collection)), score, op.id);
        if (isListIndexCollection(op.collection))
          argv.push('Z', key(this.keys.lex(op.collection)), '0', op.id);
      },
      delete: (op) => {
        const doc = this.keys.doc(op.collection, op.id);
        pending.set(doc, null);
        argv.push('D', key(doc), 'R', key(this.keys.docIndex(op.collection)), op.id);
        if (isListIndexCollection(op.collection))
          argv.push('R', key(this.keys.lex(op.collection)), op.id);
      },
      journal: (op, seq) => {
        const journal = this.journals.get(op.journal) ?? redisJournal(op.journal);
        if (!journal) throw new Error(`no Redis layout for journal ${op.journal}`);
        const row = normaliseJournalRow(journal.table, op.row as Record<string, unknown>);
        const member = encodeRowMember(position, seq, row);
        for (const field of journal.layout.indexes) {
          const rows =
            field === null
              ? this.keys.rows(op.journal, null)
              : this.keys.rows(op.journal, field, String(row[field]));
          argv.push('Z', key(rows), score, member);
        }
      },
    };
  }
}

function assertRun(events: readonly RecordedEvent[], afterPosition: number | undefined): void {
  if (afterPosition !== undefined) assertNonNegativeInteger('afterPosition', afterPosition);
  let previous = afterPosition ?? 0;
  for (const e of events) {
    if (!Number.isSafeInteger(e.position) || e.position < 1) {
      throw new RangeError(`event position must be a positive integer, got ${String(e.position)}`);
    }
    if (e.position <= previous) {
      throw new RangeError(
        `events must be in increasing position order: ${e.position} after ${previous}`,
      );
    }
    previous = e.position;
  }
}
