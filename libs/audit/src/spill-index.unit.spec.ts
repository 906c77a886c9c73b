import { SPILL_INDEX_SEGMENTS, SpillIndex, spillHash } from './spill-index';

/** The rows a fake file holds: row id → key. */
function fileOf(keys: string[]): Map<number, string> {
  return new Map(keys.map((k, i) => [i + 1, k]));
}

describe('SpillIndex', () => {
  it('given entries under one hash, when each is taken, then the row with its key is found, once', () => {
    const index = new SpillIndex(16);
    const file = fileOf(['a', 'b', 'c']);
    for (const id of file.keys()) index.add(42, id);
    const take = (key: string) => index.take(42, (id) => file.get(id) === key);
    expect(take('b')).toBe(2);
    expect(take('b')).toBeUndefined();
    expect(take('c')).toBe(3);
    expect(take('a')).toBe(1);
    expect(index.size).toBe(0);
  });

  it('given many more entries than slots, when grown, then every entry is still found and absent keys are not', () => {
    const index = new SpillIndex(16);
    const keys = Array.from({ length: 5_000 }, (_, i) => `stream-${i}`);
    const file = fileOf(keys);
    for (const [id, key] of file) index.add(spillHash(1, key), id);
    // Half taken back: their slots are skipped, not ends of a probe.
    for (let i = 0; i < keys.length; i += 2) {
      expect(index.take(spillHash(1, keys[i]), (id) => file.get(id) === keys[i])).toBe(i + 1);
    }
    for (let i = 5_000; i < 9_000; i++) index.add(spillHash(1, `x${i}`), i + 1);
    for (let i = 1; i < keys.length; i += 2) {
      expect(index.take(spillHash(1, keys[i]), (id) => file.get(id) === keys[i])).toBe(i + 1);
    }
    expect(index.take(spillHash(1, 'stream-0'), () => true)).toBeUndefined();
    expect(index.size).toBe(4_000);
  });

  it('given 3,600 entries with half of the first thousand taken back, when grown, then the table holds 1.5-2 slots a live entry, not the next power of two', () => {
    const index = new SpillIndex(16);
    for (let id = 1; id <= 1_000; id++) index.add(spillHash(1, `k${id}`), id);
    for (let id = 1; id <= 1_000; id += 2) {
      expect(index.take(spillHash(1, `k${id}`), (row) => row === id)).toBe(id);
    }
    for (let id = 1_001; id <= 3_600; id++) index.add(spillHash(1, `k${id}`), id);
    expect(index.size).toBe(3_100);
    // At most three quarters used: at least 1.33 slots a live entry; grown to
    // twice the live entries, at most 2, and 2 more a segment (the next power
    // of two over 8/3 of them was 8,192 here: 2.6 slots an entry).
    expect(index.slots).toBeGreaterThanOrEqual((3_100 * 4) / 3);
    expect(index.slots).toBeLessThanOrEqual(2 * 3_100 + 2 * SPILL_INDEX_SEGMENTS);
    const left = (id: number) => (id <= 1_000 ? id % 2 === 0 : true);
    for (let id = 1; id <= 3_600; id++) {
      if (left(id)) expect(index.take(spillHash(1, `k${id}`), (row) => row === id)).toBe(id);
    }
    expect(index.size).toBe(0);
  });

  it('given 200,000 entries, when grown, then no segment holds more than twice its share of the slots, so no grow allocates the whole table', () => {
    const index = new SpillIndex(16);
    for (let id = 1; id <= 200_000; id++) index.add(spillHash(3, `stream-${id}`), id);
    const segments = index.segmentSlots;
    expect(segments).toHaveLength(SPILL_INDEX_SEGMENTS);
    expect(Math.max(...segments)).toBeLessThanOrEqual((2 * index.slots) / SPILL_INDEX_SEGMENTS);
    expect(index.slots).toBeLessThanOrEqual(2 * 200_000 + 2 * SPILL_INDEX_SEGMENTS);
    for (const id of [1, 77_777, 200_000]) {
      expect(index.take(spillHash(3, `stream-${id}`), (row) => row === id)).toBe(id);
    }
  });

  it('given the same key in two maps, when hashed, then the hashes differ', () => {
    expect(spillHash(1, 'person-1')).not.toBe(spillHash(2, 'person-1'));
    expect(spillHash(1, 'person-1')).toBe(spillHash(1, 'person-1'));
  });

  it('given entries found and taken, when listed, then a found one stays and a taken one is gone', () => {
    const index = new SpillIndex(16);
    for (let id = 1; id <= 100; id++) index.add(spillHash(1, `k${id}`), id);
    expect(index.find(spillHash(1, 'k7'), (row) => row === 7)).toBe(7);
    expect(index.find(spillHash(1, 'k7'), (row) => row === 7)).toBe(7);
    expect(index.take(spillHash(1, 'k8'), (row) => row === 8)).toBe(8);
    expect(index.find(spillHash(1, 'k8'), (row) => row === 8)).toBeUndefined();
    const rows = [...index.rows()].sort((a, b) => a - b);
    expect(rows).toHaveLength(99);
    expect(rows).toContain(7);
    expect(rows).not.toContain(8);
  });
});
