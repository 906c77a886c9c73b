import { listEntryId, listIndexCollection } from '../read-model';
import { compareBinary } from './compare-binary';
import { IdRange, ReadModelFetcher } from './read-model.fetcher';
import { listPage, WORK_LIST_LIMITS } from './work-list-page';

interface Item {
  id: string;
  held: boolean;
}

/** An index of `count` items (`i00001`…) in memory, counting the entries each page reads. */
function indexOf(count: number, held: (n: number) => boolean) {
  const docs = new Map<string, Item>();
  const entries: string[] = [];
  for (let n = 1; n <= count; n++) {
    const id = `i${String(n).padStart(5, '0')}`;
    docs.set(id, { id, held: held(n) });
    entries.push(listEntryId(id, id));
  }
  const read = { entries: 0, documents: 0 };
  const index = listIndexCollection('items', '');
  const fetcher = {
    documentIdRange(collection: string, range: IdRange, limit: number): Promise<string[]> {
      expect(collection).toBe(index);
      const ids = entries
        .filter((e) => range.gt === undefined || compareBinary(e, range.gt) > 0)
        .slice(0, limit);
      read.entries += ids.length;
      return Promise.resolve(ids);
    },
    documents<D extends object>(_: string, ids: readonly string[]): Promise<(D | undefined)[]> {
      read.documents += ids.length;
      return Promise.resolve(ids.map((id) => docs.get(id) as D | undefined));
    },
  } as unknown as ReadModelFetcher;
  const page = (cursor: string | undefined, limit: number) =>
    listPage<Item>(fetcher, {
      collection: 'items',
      term: '',
      cursor,
      limit,
      acceptChunk: (chunk) => Promise.resolve(chunk.map((d) => !d.held)),
    });
  return { page, read };
}

async function walk(page: ReturnType<typeof indexOf>['page'], limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const answer = await page(cursor, limit);
    ids.push(...answer.items.map((d) => d.id));
    cursor = answer.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return ids;
}

describe('listPage with a join filter (acceptChunk, issue #13)', () => {
  it('given nothing held, when a page of 50 is read, then it reads 51 entries and documents, not a scan chunk', async () => {
    const { page, read } = indexOf(1_000, () => false);
    const answer = await page(undefined, 50);
    expect(answer.items).toHaveLength(50);
    expect(answer.nextCursor).not.toBeNull();
    expect(read).toEqual({ entries: 51, documents: 51 });
    expect(WORK_LIST_LIMITS.scanChunk).toBeGreaterThan(51);
  });

  it('given runs of held items, when walked page by page, then every unheld item comes once, in order', async () => {
    // 300 held in a row (more than a scan chunk), then every third.
    const held = (n: number) => (n > 20 && n <= 320) || n % 3 === 0;
    const { page } = indexOf(1_000, held);
    const expected = [...Array(1_000).keys()]
      .map((i) => i + 1)
      .filter((n) => !held(n))
      .map((n) => `i${String(n).padStart(5, '0')}`);
    for (const limit of [1, 7, 50]) {
      expect(await walk(page, limit)).toEqual(expected);
    }
  });

  it('given more held items in a row than the scan budget, when a page is read, then it ends short with a cursor where the scan stopped', async () => {
    const budget = WORK_LIST_LIMITS.scanBudget;
    const { page, read } = indexOf(2 * budget + 100, (n) => n <= 2 * budget);
    const first = await page(undefined, 50);
    expect(first.items).toEqual([]);
    expect(first.nextCursor).not.toBeNull();
    expect(read.entries).toBeGreaterThanOrEqual(budget);
    expect(read.entries).toBeLessThan(budget + WORK_LIST_LIMITS.scanChunk);
    const rest = await walk(page, 50);
    expect(rest).toHaveLength(100);
    expect(rest[0]).toBe(`i${String(2 * budget + 1).padStart(5, '0')}`);
  });
});
