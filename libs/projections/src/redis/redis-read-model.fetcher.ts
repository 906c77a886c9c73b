import type Redis from 'ioredis';
import { compareBinary } from '../queries/compare-binary';
import { IdRange, JournalSelection, ReadModelFetcher } from '../queries/read-model.fetcher';
import { decodeRowMember, redisJournal, RedisKeys } from './redis-layout';

/**
 * What the queries read, from the Redis keys (`redis-layout.ts`): a journal is
 * read through the sorted set of the field a query selects by, so every field
 * a query names must be one of the journal's `indexes`.
 */
export class RedisReadModelFetcher implements ReadModelFetcher {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  async document<D extends object>(collection: string, id: string): Promise<D | undefined> {
    const json = await this.redis.get(this.keys.doc(collection, id));
    return json === null ? undefined : (JSON.parse(json) as D);
  }

  async documentsByPosition<D extends object>(collection: string, limit: number): Promise<D[]> {
    const index = this.keys.docIndex(collection);
    // Two reads: a document deleted in between is missing from the second,
    // so read again (bounded) rather than answer with a hole.
    for (let attempt = 0; ; attempt++) {
      const ids = await this.redis.zrange(index, 0, limit - 1);
      if (ids.length === 0) return [];
      const docs = await this.redis.mget(...ids.map((id) => this.keys.doc(collection, id)));
      if (docs.every((d) => d !== null) || attempt >= 4) {
        return docs.filter((d): d is string => d !== null).map((d) => JSON.parse(d) as D);
      }
    }
  }

  async documentIdRange(collection: string, range: IdRange, limit: number): Promise<string[]> {
    // Work-list index collections keep a lexicographic set (`{p}lex:{collection}`).
    let min = '-';
    if (
      range.gt !== undefined &&
      (range.gte === undefined || compareBinary(range.gt, range.gte) >= 0)
    )
      min = `(${range.gt}`;
    else if (range.gte !== undefined) min = `[${range.gte}`;
    const max = range.lt === undefined ? '+' : `(${range.lt}`;
    return this.redis.zrangebylex(this.keys.lex(collection), min, max, 'LIMIT', 0, limit);
  }

  async documents<D extends object>(
    collection: string,
    ids: readonly string[],
  ): Promise<(D | undefined)[]> {
    if (ids.length === 0) return [];
    const docs = await this.redis.mget(...ids.map((id) => this.keys.doc(collection, id)));
    return docs.map((d) => (d === null ? undefined : (JSON.parse(d) as D)));
  }

  async journalRows<R extends object>(
    selection: JournalSelection,
    businessDateTo?: string,
  ): Promise<R[]> {
    const members = await this.redis.zrange(this.rowsKey(selection), 0, -1);
    const rows = members.map((m) => decodeRowMember<R & { businessDate: string }>(m).row);
    // The sets are ordered by position, not date: the date is filtered here.
    if (businessDateTo === undefined) return rows;
    return rows.filter((r) => compareBinary(r.businessDate, businessDateTo) <= 0);
  }

  async journalPage<R extends object>(
    selection: JournalSelection,
    afterPosition: number,
    limit: number,
  ): Promise<R[]> {
    const members = await this.redis.zrangebyscore(
      this.rowsKey(selection),
      `(${afterPosition}`,
      '+inf',
      'LIMIT',
      0,
      limit,
    );
    return members.map((m) => decodeRowMember<R>(m).row);
  }

  /** The sorted set that holds the selected rows (and only those). */
  private rowsKey({ journal, where }: JournalSelection): string {
    const field = where?.field ?? null;
    if (!redisJournal(journal)?.layout.indexes.includes(field)) {
      throw new Error(`no Redis index of journal ${journal} by ${field ?? 'all rows'}`);
    }
    return where === undefined
      ? this.keys.rows(journal, null)
      : this.keys.rows(journal, where.field, where.value);
  }
}
