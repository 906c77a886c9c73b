import {
  assertBusinessDate,
  assertNonNegativeInteger,
  knownAtParameter,
  pageLimit,
} from '../read-model-arguments';
import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { CASE_TRACE_COLLECTION, CaseTraceView } from '../case-trace.projection';
import {
  ageClawbacks,
  CLAWBACK_ENTRIES_JOURNAL,
  ClawbackAgeing,
  ClawbackAgeingQuery,
  clawbackAgeingPage,
  ClawbackEntry,
  emptyAgeing,
} from '../clawback-ageing.projection';
import { DisbursementView, DISBURSEMENT_COLLECTION } from '../disbursement-view.projection';
import {
  ENTERPRISE_RECORD_COLLECTION,
  EnterpriseRecordView,
} from '../enterprise-record.projection';
import {
  FUND_USE_ENTRIES_JOURNAL,
  FundUseEntry,
  FundUseTotals,
  fundUseTotals,
} from '../fund-use.projection';
import { DuplicateClaimRow, DUPLICATE_CLAIMS_JOURNAL } from '../duplicate-claims.projection';
import {
  BalanceEntry,
  BalanceKind,
  BALANCE_ENTRIES_JOURNAL,
  SEAT_PROGRAMME,
} from '../enterprise-balance.projection';
import {
  BalanceFigures,
  DuplicateClaimsQuery,
  EnterpriseBalance,
  LedgerReadModels,
  PersonCapUsage,
} from '../ledger-read-models';
import { OPEN_PROCESS_COLLECTION, OpenProcessView } from '../open-processes.projection';
import { PersonCapEntry, PERSON_CAP_ENTRIES_JOURNAL } from '../person-cap.projection';
import { LEDGER_PROJECTIONS } from '../projections';
import { PUBLICITY_COLLECTION, PublicityView } from '../publicity-view.projection';
import { checkpointName, documentOperations, Projection, ReadModelOperation } from '../read-model';
import {
  SEAT_APPLICATION_COLLECTION,
  SeatApplicationView,
} from '../seat-application-view.projection';
import { EFFECTIVE_SEATS_COLLECTION, EffectiveSeatsView } from '../effective-seats-view.projection';
import {
  INTERNSHIP_APPLICATION_COLLECTION,
  InternshipApplicationView,
} from '../internship-application-view.projection';
import {
  SCHOOL_BALANCE_ENTRIES_JOURNAL,
  SchoolBalance,
  schoolBalanceOf,
  SchoolBalanceEntry,
} from '../school-balance.projection';
import {
  ageSchoolClawbacks,
  emptySchoolAgeing,
  SCHOOL_CLAWBACK_ENTRIES_JOURNAL,
  SchoolClawbackAgeing,
  SchoolClawbackAgeingQuery,
  schoolClawbackAgeingPage,
  SchoolClawbackEntry,
} from '../school-clawback-ageing.projection';
import {
  SITE_APPLICATION_COLLECTION,
  SiteApplicationView,
} from '../site-application-view.projection';
import { SPECIAL_TERMS_COLLECTION, SpecialTermsView } from '../special-terms-view.projection';
import {
  assertKeyName,
  compareBinary,
  decodeRowMember,
  encodeRowMember,
  normaliseJournalRow,
  REDIS_DEFAULT_KEY_PREFIX,
  RedisJournal,
  redisJournal,
  RedisKeys,
} from './redis-layout';

/*
 * Redis read models: the same pure projections as the embedded store, kept in
 * Redis (data layout: see `redis-layout.ts`), fed by one projector subscription.
 *
 * ## One event, one script: applied exactly once, with its checkpoint
 *
 * Each event is written by ONE execution of `APPLY_EVENT_SCRIPT` (EVALSHA, EVAL
 * fallback on NOSCRIPT): it skips the event when `position <= checkpoint`,
 * refuses it when the checkpoint is not the one its operations were computed
 * against, and otherwise writes every operation and `checkpoint = position`.
 * A script runs atomically and the AOF logs its effects as one MULTI/EXEC, so
 * after a crash (`appendfsync always`: nothing acknowledged is lost) either all
 * of an event is there with its checkpoint or none of it.
 *
 * Documents must be read to be evolved, and the read happens before the script.
 * We chose an optimistic guard over WATCH/MULTI/EXEC:
 * - WATCH is per connection. A projector shares one multiplexed ioredis client
 *   (and ioredis re-sends unanswered commands after a reconnect); WATCH needs a
 *   dedicated connection per writer and a round trip more per event.
 * - Every change to the read models goes through the script and moves the
 *   checkpoint, and every writer applies the same events through the same
 *   projections (their `name.vN` list is checked by the script too). So "the
 *   checkpoint is still C" means "the documents are still what they were at C",
 *   and the state at a checkpoint is a function of the events up to it.
 *   The guard `checkpoint == expected` is therefore a compare-and-set on the
 *   whole read model, checked inside the script that writes.
 * - That lets a batch be pipelined: read the checkpoint and every document the
 *   batch touches in one MULTI, compute every event's operations in memory,
 *   then send one script per event, each expecting the previous event's
 *   position. One round trip per batch; still one atomic step per event.
 *   When another writer got there first, its events come back "skipped"
 *   (position <= checkpoint) or "conflict" (checkpoint moved elsewhere): we
 *   re-read and carry on from there. Two projectors applying the same events
 *   concurrently thus apply each event exactly once between them and the
 *   checkpoint only moves forward.
 * - The documents read are cached (LRU) at the checkpoint this instance last
 *   wrote: a lone projector's next event usually needs no read at all, and if
 *   someone else wrote meanwhile the guard fails and we read again.
 *
 * ## What the caller promises
 *
 * Positions may have gaps, so the store cannot tell a missing event from a gap.
 * `applyEvents` takes its events as a run of the feed, in order (a page of
 * `readAll`, or a subscription's events): give `afterPosition` (where the run
 * starts) and a run whose predecessor has not been applied yet is refused
 * (`RedisReadModelsGapError`) instead of skipping events. `applyEvent` without
 * `afterPosition` trusts the caller to feed events in order.
 *
 * ## Rebuild
 *
 * `rebuildRedisReadModels` sets a fence key first: while it is there any other
 * writer's script is refused (`RedisReadModelsRebuildingError`) so nothing is
 * written on top of a half-deleted model; see rebuild-redis.ts.
 */

/**
 * KEYS: checkpoint, projections, fence, then the keys the operations name by
 * index. ARGV: position, expected checkpoint, projections list, rebuild token,
 * then the operations (S key json | D key | Z key score member | R key member).
 * The `expected` guard alone already rules out applying an event twice (an
 * event's expected checkpoint is below its own position); the first branch
 * tells the caller "already applied" rather than "read again".
 * Every check, the operations' syntax included, passes before the first
 * write: a refused event leaves no trace (Redis does not roll back a script
 * that fails half-way; only a foreign key of the wrong type under the prefix
 * could still make one fail).
 */
export const APPLY_EVENT_SCRIPT = `
local checkpoint = tonumber(redis.call('GET', KEYS[1]) or '0')
local position = tonumber(ARGV[1])
if checkpoint >= position then return 0 end
local fence = redis.call('GET', KEYS[3])
if fence and fence ~= ARGV[4] then return -3 end
if checkpoint ~= tonumber(ARGV[2]) then return -1 end
local projections = redis.call('GET', KEYS[2])
if projections and projections ~= ARGV[3] then return -2 end
local width = { S = 3, D = 2, Z = 4, R = 3 }
local n = #ARGV
local i = 5
while i <= n do
  local w = width[ARGV[i]]
  if not w or not KEYS[tonumber(ARGV[i + 1])] or i + w - 1 > n then
    return redis.error_reply('bad read-model operation at ARGV ' .. i)
  end
  i = i + w
end
if not projections then redis.call('SET', KEYS[2], ARGV[3]) end
i = 5
while i <= n do
  local op = ARGV[i]
  local key = KEYS[tonumber(ARGV[i + 1])]
  if op == 'S' then
    redis.call('SET', key, ARGV[i + 2])
  elseif op == 'D' then
    redis.call('DEL', key)
  elseif op == 'Z' then
    redis.call('ZADD', key, ARGV[i + 2], ARGV[i + 3])
  else
    redis.call('ZREM', key, ARGV[i + 2])
  end
  i = i + width[op]
end
redis.call('SET', KEYS[1], ARGV[1])
return 1
`;

const APPLY_EVENT_SHA = createHash('sha1').update(APPLY_EVENT_SCRIPT).digest('hex');

const SCRIPT = { applied: 1, skipped: 0, conflict: -1, version: -2, rebuilding: -3 } as const;

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

export interface RedisReadModelsOptions {
  /** Default `ledger:`. Never empty. */
  keyPrefix?: string;
  projections?: readonly Projection[];
  /** Events per round trip in `applyEvents` (default 256). */
  batchSize?: number;
  /** Documents cached between events (LRU, default 10,000; 0 disables). */
  documentCacheSize?: number;
  /** Only for `rebuildRedisReadModels`: the token of the fence it holds. */
  rebuildToken?: string;
}

export interface ApplyEventsOptions {
  /**
   * The position of the event just before the first one (0 for the start of
   * the log): when given and the checkpoint is below it, the run is refused.
   */
  afterPosition?: number;
}

export interface ApplyEventsResult {
  /** Events this call wrote. */
  applied: number;
  /** Events already applied (by an earlier call or another writer). */
  skipped: number;
}

/** The run does not follow the checkpoint: events before it are missing. */
export class RedisReadModelsGapError extends Error {
  constructor(
    readonly checkpoint: number,
    readonly afterPosition: number,
  ) {
    super(
      `Redis read models are at ${checkpoint}, these events follow ${afterPosition}: ` +
        'events in between would be skipped; feed them from the checkpoint',
    );
    this.name = 'RedisReadModelsGapError';
  }
}

/** The read models under this prefix were written by other projection versions. */
export class RedisReadModelsVersionError extends Error {
  constructor(
    readonly keyPrefix: string,
    readonly stored: string | null,
    readonly expected: string,
  ) {
    super(
      `Redis read models under ${keyPrefix} were written by [${stored ?? ''}], ` +
        `these projections are [${expected}]: rebuild them`,
    );
    this.name = 'RedisReadModelsVersionError';
  }
}

/** A rebuild holds the fence: wait for it, then resume from the checkpoint. */
export class RedisReadModelsRebuildingError extends Error {
  constructor(readonly keyPrefix: string) {
    super(`Redis read models under ${keyPrefix} are being rebuilt`);
    this.name = 'RedisReadModelsRebuildingError';
  }
}

const FIGURE_OF_KIND: Record<BalanceKind, keyof BalanceFigures> = {
  approved: 'approvedFen',
  disbursed: 'disbursedFen',
  clawbackDue: 'clawbackDueFen',
  recovered: 'recoveredFen',
};

const zeroFigures = (): BalanceFigures => ({
  approvedFen: 0,
  disbursedFen: 0,
  clawbackDueFen: 0,
  recoveredFen: 0,
});

type Status = 'applied' | 'skipped';

interface ScriptCall {
  position: number;
  keys: string[];
  argv: string[];
}

/** The string every writer must agree on: the `name.vN` of each projection, sorted. */
export function projectionsSignature(projections: readonly Projection[]): string {
  return projections.map(checkpointName).sort(compareBinary).join(',');
}

/**
 * The ledger's read models in Redis; see the comment above for how each event
 * is applied exactly once, and `redis-layout.ts` for the keys.
 */
export class RedisReadModels implements LedgerReadModels {
  readonly keyPrefix: string;
  private readonly keys: RedisKeys;
  private readonly projections: readonly Projection[];
  private readonly journals = new Map<string, RedisJournal>();
  private readonly signature: string;
  private readonly batchSize: number;
  private readonly cacheSize: number;
  private readonly rebuildToken: string;
  /** Documents (JSON, `null` when absent) as they are at `cachedAt`. */
  private readonly cache = new Map<string, string | null>();
  private cachedAt: number | undefined;
  private scriptLoaded = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly redis: Redis,
    options: RedisReadModelsOptions = {},
  ) {
    if (redis.options?.keyPrefix) {
      throw new Error('give RedisReadModels a client without keyPrefix; use its keyPrefix option');
    }
    this.keyPrefix = options.keyPrefix ?? REDIS_DEFAULT_KEY_PREFIX;
    this.keys = new RedisKeys(this.keyPrefix);
    this.projections = options.projections ?? LEDGER_PROJECTIONS;
    this.signature = projectionsSignature(this.projections);
    this.batchSize = positiveInteger(
      'batchSize',
      options.batchSize ?? REDIS_READ_MODEL_LIMITS.batchSize,
    );
    this.cacheSize = options.documentCacheSize ?? REDIS_READ_MODEL_LIMITS.documentCacheSize;
    this.rebuildToken = options.rebuildToken ?? '';
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

  /**
   * Applies one event with its checkpoint: `skipped` when it (or a later
   * event) was already applied, by this process or another one.
   */
  async applyEvent(event: RecordedEvent, options: ApplyEventsOptions = {}): Promise<Status> {
    const result = await this.applyEvents([event], options);
    return result.applied === 1 ? 'applied' : 'skipped';
  }

  /**
   * Applies a run of events, in order, each atomically with its checkpoint.
   * If a projection throws on an event, the events before it are applied and
   * the error is thrown: the checkpoint stays just before the bad event.
   */
  applyEvents(
    events: readonly RecordedEvent[],
    options: ApplyEventsOptions = {},
  ): Promise<ApplyEventsResult> {
    // One run at a time per instance (the cache belongs to the run); other
    // instances and processes are kept apart by the script's guard.
    const run = this.queue.then(() => this.applyRun(events, options.afterPosition));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async checkpoint(): Promise<number> {
    return parseCheckpoint(await this.redis.get(this.keys.checkpoint));
  }

  /** True when the stored read models were written by these projections (or by none yet). */
  async projectionsMatch(): Promise<boolean> {
    const stored = await this.redis.get(this.keys.projections);
    return stored === null || stored === this.signature;
  }

  async enterpriseBalance(
    enterpriseId: string,
    asOf: string,
    asKnownAt?: string,
  ): Promise<EnterpriseBalance> {
    assertBusinessDate('asOf', asOf);
    const knownAt = knownAtParameter(asKnownAt);
    const rows = await this.journalRows<BalanceEntry>(
      BALANCE_ENTRIES_JOURNAL,
      'enterpriseId',
      enterpriseId,
    );
    const sums = new Map<string, BalanceFigures>();
    for (const row of rows) {
      if (compareBinary(row.businessDate, asOf) > 0) continue;
      if (knownAt !== null && compareBinary(row.recordedAt, knownAt) > 0) continue;
      let figures = sums.get(row.programme);
      if (!figures) sums.set(row.programme, (figures = zeroFigures()));
      figures[FIGURE_OF_KIND[row.kind]] += row.amountFen;
    }
    // As SQLite answers it: `seat` first, then the programmes in BINARY order.
    const programmes: Record<string, BalanceFigures> = { [SEAT_PROGRAMME]: zeroFigures() };
    const totals = zeroFigures();
    for (const programme of [...sums.keys()].sort(compareBinary)) {
      const figures = sums.get(programme)!;
      programmes[programme] = figures;
      for (const figure of Object.keys(totals) as (keyof BalanceFigures)[]) {
        assertSafeSum(figures[figure]);
        totals[figure] += figures[figure];
      }
    }
    return { programmes, totals };
  }

  async personCap(personKey: string, asOf?: string, asKnownAt?: string): Promise<PersonCapUsage> {
    if (asOf !== undefined) assertBusinessDate('asOf', asOf);
    const knownAt = knownAtParameter(asKnownAt);
    const rows = await this.journalRows<PersonCapEntry>(
      PERSON_CAP_ENTRIES_JOURNAL,
      'personKey',
      personKey,
    );
    const sums = new Map<string, number>();
    for (const row of rows) {
      if (asOf !== undefined && compareBinary(row.businessDate, asOf) > 0) continue;
      if (knownAt !== null && compareBinary(row.recordedAt, knownAt) > 0) continue;
      sums.set(row.enterpriseId, (sums.get(row.enterpriseId) ?? 0) + row.amountFen);
    }
    const byEnterprise = [...sums.keys()]
      .sort(compareBinary)
      .map((enterpriseId) => ({ enterpriseId, usedFen: assertSafeSum(sums.get(enterpriseId)!) }))
      .filter((r) => r.usedFen !== 0);
    const usedFen = assertSafeSum(byEnterprise.reduce((sum, r) => sum + r.usedFen, 0));
    return { usedFen, byEnterprise };
  }

  async seatApplication(applicationId: string): Promise<SeatApplicationView | undefined> {
    return this.loadDocument<SeatApplicationView>(SEAT_APPLICATION_COLLECTION, applicationId);
  }

  async publicity(publicityId: string): Promise<PublicityView | undefined> {
    return this.loadDocument<PublicityView>(PUBLICITY_COLLECTION, publicityId);
  }

  async disbursement(disbursementId: string): Promise<DisbursementView | undefined> {
    return this.loadDocument<DisbursementView>(DISBURSEMENT_COLLECTION, disbursementId);
  }

  async duplicateClaims(options: DuplicateClaimsQuery = {}): Promise<DuplicateClaimRow[]> {
    const limit = pageLimit(options.limit);
    const afterPosition = options.afterPosition ?? 0;
    assertNonNegativeInteger('afterPosition', afterPosition);
    const key =
      options.enterpriseId === undefined
        ? this.keys.rows(DUPLICATE_CLAIMS_JOURNAL, null)
        : this.keys.rows(DUPLICATE_CLAIMS_JOURNAL, 'enterpriseId', options.enterpriseId);
    const members = await this.redis.zrangebyscore(
      key,
      `(${afterPosition}`,
      '+inf',
      'LIMIT',
      0,
      limit,
    );
    return members.map((m) => decodeRowMember<DuplicateClaimRow>(m).row);
  }

  async openProcesses(limit?: number): Promise<OpenProcessView[]> {
    const count = pageLimit(limit);
    const index = this.keys.docIndex(OPEN_PROCESS_COLLECTION);
    // Two reads: a process that ends in between is missing from the second,
    // so read again (bounded) rather than answer with a hole.
    for (let attempt = 0; ; attempt++) {
      const ids = await this.redis.zrange(index, 0, count - 1);
      if (ids.length === 0) return [];
      const docs = await this.redis.mget(
        ...ids.map((id) => this.keys.doc(OPEN_PROCESS_COLLECTION, id)),
      );
      if (docs.every((d) => d !== null) || attempt >= 4) {
        return docs
          .filter((d): d is string => d !== null)
          .map((d) => JSON.parse(d) as OpenProcessView);
      }
    }
  }

  // ---- R-FRAUD and R-SEAT-7 (issue #5): the same pure functions as SQLite ----

  async caseTrace(caseId: string): Promise<CaseTraceView | undefined> {
    return this.loadDocument<CaseTraceView>(CASE_TRACE_COLLECTION, caseId);
  }

  async enterpriseRecord(enterpriseId: string): Promise<EnterpriseRecordView | undefined> {
    return this.loadDocument<EnterpriseRecordView>(ENTERPRISE_RECORD_COLLECTION, enterpriseId);
  }

  async fundUses(enterpriseId: string, asOf: string): Promise<FundUseTotals> {
    assertBusinessDate('asOf', asOf);
    const rows = await this.journalRows<FundUseEntry>(
      FUND_USE_ENTRIES_JOURNAL,
      'enterpriseId',
      enterpriseId,
    );
    return fundUseTotals(rows, asOf);
  }

  async clawbackAgeing(enterpriseId: string, asOf: string): Promise<ClawbackAgeing> {
    assertBusinessDate('asOf', asOf);
    const rows = await this.journalRows<ClawbackEntry>(
      CLAWBACK_ENTRIES_JOURNAL,
      'enterpriseId',
      enterpriseId,
    );
    return ageClawbacks(rows, asOf)[0] ?? emptyAgeing(enterpriseId);
  }

  async clawbackAgeingAll(query: ClawbackAgeingQuery): Promise<ClawbackAgeing[]> {
    assertBusinessDate('asOf', query.asOf);
    const limit = pageLimit(query.limit);
    const members = await this.redis.zrange(this.keys.rows(CLAWBACK_ENTRIES_JOURNAL, null), 0, -1);
    const rows = members.map((m) => decodeRowMember<ClawbackEntry>(m).row);
    return clawbackAgeingPage(rows, query, limit);
  }

  async schoolClawbackAgeing(schoolId: string, asOf: string): Promise<SchoolClawbackAgeing> {
    assertBusinessDate('asOf', asOf);
    const rows = await this.journalRows<SchoolClawbackEntry>(
      SCHOOL_CLAWBACK_ENTRIES_JOURNAL,
      'schoolId',
      schoolId,
    );
    return ageSchoolClawbacks(rows, asOf)[0] ?? emptySchoolAgeing(schoolId);
  }

  async schoolClawbackAgeingAll(query: SchoolClawbackAgeingQuery): Promise<SchoolClawbackAgeing[]> {
    assertBusinessDate('asOf', query.asOf);
    const members = await this.redis.zrange(
      this.keys.rows(SCHOOL_CLAWBACK_ENTRIES_JOURNAL, null),
      0,
      -1,
    );
    const rows = members.map((m) => decodeRowMember<SchoolClawbackEntry>(m).row);
    return schoolClawbackAgeingPage(rows, query, pageLimit(query.limit));
  }

  // ---- issue #7: the same pure functions as SQLite ----

  async schoolBalance(schoolId: string, asOf: string, asKnownAt?: string): Promise<SchoolBalance> {
    assertBusinessDate('asOf', asOf);
    const knownAt = knownAtParameter(asKnownAt) ?? undefined;
    const rows = await this.journalRows<SchoolBalanceEntry>(
      SCHOOL_BALANCE_ENTRIES_JOURNAL,
      'schoolId',
      schoolId,
    );
    return schoolBalanceOf(rows, asOf, knownAt);
  }

  async siteApplication(siteId: string): Promise<SiteApplicationView | undefined> {
    return this.loadDocument<SiteApplicationView>(SITE_APPLICATION_COLLECTION, siteId);
  }

  async internshipApplication(
    applicationId: string,
  ): Promise<InternshipApplicationView | undefined> {
    return this.loadDocument<InternshipApplicationView>(
      INTERNSHIP_APPLICATION_COLLECTION,
      applicationId,
    );
  }

  async effectiveSeats(enterpriseId: string): Promise<EffectiveSeatsView | undefined> {
    return this.loadDocument<EffectiveSeatsView>(EFFECTIVE_SEATS_COLLECTION, enterpriseId);
  }

  async specialTerms(enterpriseId: string): Promise<SpecialTermsView | undefined> {
    return this.loadDocument<SpecialTermsView>(SPECIAL_TERMS_COLLECTION, enterpriseId);
  }

  // ---- applying ----------------------------------------------------------

  private async applyRun(
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
    const status = new Array<Status | undefined>(events.length);
    let i = 0;
    let idle = 0;
    try {
      while (i < events.length) {
        const end = Math.min(events.length, i + this.batchSize);
        const next = await this.applyRound(events, i, end, afterPosition, status);
        idle = next === i ? idle + 1 : 0;
        if (idle > REDIS_READ_MODEL_LIMITS.maxIdleRounds) {
          throw new Error(`Redis read models: no progress at position ${events[i].position}`);
        }
        i = next;
      }
    } finally {
      this.trimCache();
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
    status: (Status | undefined)[],
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
      this.invalidateCache();
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
      this.invalidateCache();
      throw error;
    }
    if (!results) {
      this.invalidateCache();
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
        case SCRIPT.applied:
          status[k] = 'applied';
          return;
        case SCRIPT.skipped:
          status[k] ??= 'skipped';
          break;
        case SCRIPT.conflict:
          break;
        case SCRIPT.version:
          refusal ??= new RedisReadModelsVersionError(this.keyPrefix, null, this.signature);
          break;
        case SCRIPT.rebuilding:
          refusal ??= new RedisReadModelsRebuildingError(this.keyPrefix);
          break;
        default:
          error ??= new Error(`unexpected reply from the apply script: ${String(reply)}`);
      }
      allApplied = false;
    });

    if (allApplied) {
      for (const [key, doc] of overlay) this.cacheDocument(key, doc);
      this.cachedAt = calls[calls.length - 1].position;
    } else {
      this.invalidateCache();
    }
    if (refusal instanceof RedisReadModelsVersionError) {
      const stored = await this.redis.get(this.keys.projections);
      throw new RedisReadModelsVersionError(this.keyPrefix, stored, this.signature);
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
    if (this.cachedAt !== undefined && keys.every((k) => this.cache.has(k))) {
      for (const k of keys) this.cacheDocument(k, this.cache.get(k)!);
      return this.cachedAt;
    }
    const multi = this.redis.multi().get(this.keys.checkpoint);
    const chunk = REDIS_READ_MODEL_LIMITS.mgetChunk;
    for (let i = 0; i < keys.length; i += chunk) multi.mget(...keys.slice(i, i + chunk));
    const replies = await multi.exec();
    if (!replies) throw new Error('Redis MULTI was aborted');
    for (const [err] of replies) if (err) throw err;
    const checkpoint = parseCheckpoint(replies[0][1] as string | null);
    this.invalidateCache();
    this.cachedAt = checkpoint;
    let n = 0;
    for (const [, docs] of replies.slice(1)) {
      for (const doc of docs as (string | null)[]) this.cacheDocument(keys[n++], doc);
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
    const argv = [String(position), String(expected), this.signature, this.rebuildToken];
    const written = new Map<string, string | null>();
    const current = (key: string): string | null => {
      if (written.has(key)) return written.get(key)!;
      if (overlay.has(key)) return overlay.get(key)!;
      return this.cache.get(key) ?? null;
    };
    for (const projection of this.projections) {
      const seqByJournal = new Map<string, number>();
      const operations: ReadModelOperation[] =
        projection.kind === 'journal'
          ? projection.project(event)
          : documentOperations(projection, event, (id) => {
              const json = current(this.keys.doc(projection.collection, id));
              return json === null ? undefined : (JSON.parse(json) as object);
            });
      // As SQLite: one projection's operations are computed from the state
      // before them, then applied, before the next projection looks.
      const pending = new Map<string, string | null>();
      for (const op of operations) {
        switch (op.kind) {
          case 'put': {
            const key = this.keys.doc(op.collection, op.id);
            const json = JSON.stringify(op.doc);
            pending.set(key, json);
            argv.push('S', k(key), json, 'Z', k(this.keys.docIndex(op.collection)), argv[0], op.id);
            break;
          }
          case 'delete': {
            const key = this.keys.doc(op.collection, op.id);
            pending.set(key, null);
            argv.push('D', k(key), 'R', k(this.keys.docIndex(op.collection)), op.id);
            break;
          }
          case 'journal': {
            const journal = this.journals.get(op.journal) ?? redisJournal(op.journal);
            if (!journal) throw new Error(`no Redis layout for journal ${op.journal}`);
            const seq = seqByJournal.get(op.journal) ?? 0;
            seqByJournal.set(op.journal, seq + 1);
            const row = normaliseJournalRow(journal.table, op.row as Record<string, unknown>);
            const member = encodeRowMember(position, seq, row);
            for (const field of journal.layout.indexes) {
              const key =
                field === null
                  ? this.keys.rows(op.journal, null)
                  : this.keys.rows(op.journal, field, String(row[field]));
              argv.push('Z', k(key), argv[0], member);
            }
            break;
          }
          default: {
            const never: never = op;
            throw new Error(`unknown read-model operation ${JSON.stringify(never)}`);
          }
        }
      }
      for (const [key, json] of pending) written.set(key, json);
    }
    for (const [key, json] of written) overlay.set(key, json);
    return { position, keys, argv };
  }

  private cacheDocument(key: string, json: string | null): void {
    this.cache.delete(key);
    this.cache.set(key, json);
  }

  private invalidateCache(): void {
    this.cache.clear();
    this.cachedAt = undefined;
  }

  private trimCache(): void {
    if (this.cacheSize <= 0) {
      this.invalidateCache();
      return;
    }
    for (const key of this.cache.keys()) {
      if (this.cache.size <= this.cacheSize) break;
      this.cache.delete(key);
    }
  }

  // ---- reading -----------------------------------------------------------

  private async journalRows<R>(journal: string, field: string, value: string): Promise<R[]> {
    const members = await this.redis.zrange(this.keys.rows(journal, field, value), 0, -1);
    return members.map((m) => decodeRowMember<R>(m).row);
  }

  private async loadDocument<D>(collection: string, id: string): Promise<D | undefined> {
    const json = await this.redis.get(this.keys.doc(collection, id));
    return json === null ? undefined : (JSON.parse(json) as D);
  }
}

function parseCheckpoint(value: string | null): number {
  if (value === null) return 0;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`bad read-model checkpoint ${value}`);
  return n;
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

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

function assertSafeSum(value: number): number {
  if (!Number.isSafeInteger(value)) throw new RangeError(`sum out of integer range: ${value}`);
  return value;
}
