import { collectEvery, fullCollection, stopPretenuring } from '@ledger/projections/heap-bound';
import { recorded } from '@ledger/projections/testing/ledger-events.fixture';
import { walkLog } from './verify-log';

const eventAt = (position: number) => recorded({ type: 'Noted', data: {} }, { position });

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

describe('collections by events, not pages (ADR 0020 §84)', () => {
  it.each([
    [20_000, 500, 40],
    [40_000, 500, 80],
    [20_000, 1_000, 20],
    [100, 500, 1],
  ])(
    'given a collection every %i events in pages of %i, when made, then it runs every %i pages',
    (events, pageSize, pages) => {
      expect(collectEvery(events, pageSize).everyPages).toBe(pages);
    },
  );
});

describe('pretenuring off for a replay (ADR 0020 §88)', () => {
  it('given a process, when pretenuring is stopped twice, then V8 is told once, with its flag', () => {
    const flags = jest.spyOn(v8Module(), 'setFlagsFromString');
    try {
      stopPretenuring();
      stopPretenuring();
      expect(flags.mock.calls).toEqual([['--no-allocation-site-pretenuring']]);
    } finally {
      flags.mockRestore();
    }
  });
});

/** The module object itself: a namespace import is a copy whose members a spy would not reach. */
function v8Module(): typeof import('node:v8') {
  return jest.requireActual<typeof import('node:v8')>('node:v8');
}
