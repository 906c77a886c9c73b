import { invalidInput } from '@ledger/domain';
import { listedIdOf, listIndexCollection } from '../read-model';
import { IdRange, ReadModelFetcher } from './read-model.fetcher';

/** Every work list answers this (API.md "Work lists"). */
export interface WorkListPage<T> {
  items: T[];
  /** Give it back as `?cursor=` for the next page; null on the last one. */
  nextCursor: string | null;
}

export const WORK_LIST_LIMITS = {
  limitDefault: 50,
  limitMax: 500,
  /**
   * Entries a filtered page looks at beyond the index (a name search): past
   * this, the page ends short with a cursor where the search stopped, so that
   * no request reads more than this however rare the matches.
   */
  scanBudget: 5_000,
  scanChunk: 250,
} as const;

export function workListLimit(limit: number | undefined): number {
  const value = limit ?? WORK_LIST_LIMITS.limitDefault;
  if (!Number.isSafeInteger(value) || value < 1 || value > WORK_LIST_LIMITS.limitMax) {
    throw invalidInput('limit', `must be an integer in 1..${WORK_LIST_LIMITS.limitMax}`);
  }
  return value;
}

const BAD_CURSOR = 'is not a cursor this list gave with these filters';

/**
 * The cursor names the last entry of the page and the index it was read in
 * (base64url of `["{collection}~{term}", entryId]`), so that a cursor reused
 * with another list or other filters, edited, or made up is refused (400)
 * instead of answering a page of something else.
 */
export function encodeCursor(index: string, entryId: string): string {
  return Buffer.from(JSON.stringify([index, entryId]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, index: string): string | undefined {
  if (cursor === undefined) return undefined;
  if (!/^[A-Za-z0-9_-]{1,2048}$/.test(cursor)) throw invalidInput('cursor', BAD_CURSOR);
  let parsed: unknown;
  try {
    const text = Buffer.from(cursor, 'base64url').toString('utf8');
    if (Buffer.from(text, 'utf8').toString('base64url') !== cursor)
      throw new Error('not canonical');
    parsed = JSON.parse(text);
  } catch {
    throw invalidInput('cursor', BAD_CURSOR);
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 2 ||
    parsed[0] !== index ||
    typeof parsed[1] !== 'string' ||
    !/^[^\t]+\t[^\t]+$/.test(parsed[1])
  ) {
    throw invalidInput('cursor', BAD_CURSOR);
  }
  return parsed[1];
}

export interface ListPageRequest<D> {
  collection: string;
  term: string;
  /** Bounds on the entries' ids (dates, for lists ordered by a date). */
  range?: Omit<IdRange, 'gt'>;
  cursor?: string;
  limit: number;
  /** A filter no index answers (a name search): scanned, within `scanBudget`. */
  accept?: (doc: D) => boolean;
  /**
   * Like `accept`, for a filter that reads other documents (a join): given
   * each chunk of documents at once, says which to keep. Meant for a filter
   * that keeps nearly everything (objection holds): the first chunk is the
   * page itself, and only a chunk that lost entries makes the next one larger.
   */
  acceptChunk?: (docs: readonly D[]) => Promise<readonly boolean[]>;
}

/**
 * One page of a work list: the entries after the cursor in the index of the
 * filter, then their documents. Without `accept` it reads `limit + 1` entries
 * (the one more says whether there is a next page).
 */
export async function listPage<D extends object>(
  fetcher: ReadModelFetcher,
  request: ListPageRequest<D>,
): Promise<WorkListPage<D>> {
  const { collection, limit, acceptChunk } = request;
  const accept = request.accept ?? (acceptChunk ? () => true : undefined);
  const index = listIndexCollection(collection, request.term);
  let after = decodeCursor(request.cursor, index);
  const items: D[] = [];
  let lastEntry: string | undefined;
  let scanned = 0;
  let chunk = 0;
  for (;;) {
    const want = limit + 1 - items.length;
    // A name search keeps few entries, so it reads a scan chunk at once. A
    // join keeps most: reading a scan chunk for every page cost five times
    // the entries and documents of the page (issue #13, payable p99 29 ms);
    // it reads what the page still needs, doubling only after a short chunk.
    chunk = request.accept
      ? Math.max(want, WORK_LIST_LIMITS.scanChunk)
      : acceptChunk && chunk > 0
        ? Math.max(want, Math.min(chunk * 2, WORK_LIST_LIMITS.scanChunk))
        : want;
    const ids = await fetcher.documentIdRange(index, { ...request.range, gt: after }, chunk);
    const docs = await fetcher.documents<D>(collection, ids.map(listedIdOf));
    const present = docs.filter((d): d is D => d !== undefined);
    const kept = acceptChunk ? await acceptChunk(present) : undefined;
    const keptDocs = kept ? new Set(present.filter((_, i) => kept[i])) : undefined;
    for (let i = 0; i < ids.length; i++) {
      after = ids[i];
      scanned++;
      const doc = docs[i];
      if (doc === undefined || (accept && !accept(doc))) continue;
      if (keptDocs && !keptDocs.has(doc)) continue;
      if (items.length === limit) return { items, nextCursor: encodeCursor(index, lastEntry!) };
      items.push(doc);
      lastEntry = ids[i];
    }
    if (ids.length < chunk) return { items, nextCursor: null };
    if (scanned >= WORK_LIST_LIMITS.scanBudget) {
      return { items, nextCursor: encodeCursor(index, after!) };
    }
  }
}
