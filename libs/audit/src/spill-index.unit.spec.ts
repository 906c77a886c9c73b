import { SpillIndex, spillHash } from './spill-index';

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

  it('given the same key in two maps, when hashed, then the hashes differ', () => {
    expect(spillHash(1, 'person-1')).not.toBe(spillHash(2, 'person-1'));
    expect(spillHash(1, 'person-1')).toBe(spillHash(1, 'person-1'));
  });
});
