import Database from 'better-sqlite3';
import { rebuildSqliteReadModels } from './rebuild';
import { recorded } from './testing/ledger-events.fixture';

/** An event no projection reads: the replay's pages are what is under test. */
const eventAt = (position: number) => recorded({ type: 'Noted', data: {} }, { position });

describe('rebuild heap bound (issue #16)', () => {
  it('given 25 pages of events, when rebuilt collecting every 10 pages, then the heap is collected twice, between pages', async () => {
    const db = new Database(':memory:');
    const seen: string[] = [];
    try {
      const result = await rebuildSqliteReadModels(
        db,
        async (after) => {
          seen.push(`read ${after}`);
          return after < 25 ? [eventAt(after + 1)] : [];
        },
        undefined,
        undefined,
        { everyPages: 10, run: () => seen.push('collect') },
      );

      expect(result).toMatchObject({ events: 25 });
      expect(seen.filter((s) => s === 'collect')).toHaveLength(2);
      expect(seen.indexOf('collect')).toBe(seen.indexOf('read 10') + 1);
      expect(seen.lastIndexOf('collect')).toBe(seen.indexOf('read 20') + 1);
      expect(seen.at(-1)).toBe('read 25');
    } finally {
      db.close();
    }
  });
});
