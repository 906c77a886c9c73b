import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { fullCollection } from '@ledger/projections/heap-bound';
import { walkLog } from './verify-log';

const eventAt = (position: number): RecordedEvent => ({
  eventId: `e${position}`,
  type: 'Noted',
  stream: 's',
  revision: position - 1,
  position,
  data: {},
  metadata: {
    actor: 'a',
    role: 'finance',
    businessDate: '2023-03-10',
    recordedAt: '2023-03-10T02:00:00.000Z',
  },
});

describe('the main thread heap bound (issue #16)', () => {
  it('given 25 events in pages of 5, when walked collecting every 2 pages, then the heap is collected twice, between pages', async () => {
    const seen: string[] = [];
    const events = await walkLog(
      {
        readPage: async (after, max) => {
          seen.push(`read ${after}`);
          return Array.from({ length: Math.max(0, Math.min(max, 25 - after)) }, (_, i) =>
            eventAt(after + i + 1),
          );
        },
        pageSize: 5,
        collect: { everyPages: 2, run: () => seen.push('collect') },
      },
      (e) => e,
    );
    expect(events).toBe(25);
    expect(seen).toEqual([
      'read 0',
      'read 5',
      'collect',
      'read 10',
      'read 15',
      'collect',
      'read 20',
      'read 25',
    ]);
  });

  it('given no --expose-gc flag, when a full collection is asked for twice, then it runs and is the same function', () => {
    const collect = fullCollection();
    expect(() => collect()).not.toThrow();
    expect(fullCollection()).toBe(collect);
  });
});
