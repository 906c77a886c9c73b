import * as fs from 'node:fs';
import { entryKey, entryMap, entryValue } from './spill-entry';
import { spillEntryReaderFor, SpillEntryReader } from './spill-entry-reader';
import { SpillStore } from './spill-map';

/** ADR 0020 §105: a batch of a spill file's entries read here, or on a thread of its own. */
jest.setTimeout(30_000);

const stores: SpillStore[] = [];
const readers: SpillEntryReader[] = [];
afterAll(async () => {
  for (const r of readers) await r.close();
  for (const s of stores) s.close();
});

/** A store holding `entries` of map 1, and the slot of each. */
function storeOf(entries: [string, string][]): { store: SpillStore; slots: Uint32Array } {
  const store = new SpillStore(1);
  stores.push(store);
  store.put(1, entries);
  const slots = entries.map(([key]) => {
    const [slot] = store.slotsOf(1, key);
    return slot;
  });
  return { store, slots: Uint32Array.from(slots) };
}

const readerFor = (store: SpillStore, onThread: boolean | Promise<unknown>) => {
  const reader = spillEntryReaderFor(store, onThread);
  readers.push(reader);
  return reader;
};

const entries: [string, string][] = [
  ['a', 'short'],
  ['键\tb', `{"name":"张三","pad":"${'x'.repeat(5_000)}"}`],
  ['c', '\ud800 a lone surrogate'],
  ['d', 'y'.repeat(300)],
];

describe('spillEntryReaderFor', () => {
  it.each([false, true])(
    'given entries of every size and encoding, when read in a batch (on a thread: %s), then each is exact and in the order asked',
    async (onThread) => {
      const { store, slots } = storeOf(entries);
      const picks = [3, 1, 0, 2, 1];
      // Moved to the thread (transferred): not used again here.
      const order = Uint32Array.from(picks.map((i) => slots[i]));
      const { buffer, starts } = await readerFor(store, onThread).read(order);
      const read = picks.map((_, i) => [
        entryMap(buffer, starts[i]),
        entryKey(buffer, starts[i]),
        entryValue(buffer, starts[i]),
      ]);
      expect(read).toEqual(picks.map((i) => [1, entries[i][0], entries[i][1]]));
      expect(starts[picks.length]).toBeGreaterThan(starts[picks.length - 1]);
    },
  );

  it('given a buffer an answer came in, when it is handed back, then the next batch is read into it or a longer one', async () => {
    const { store, slots } = storeOf(entries);
    const reader = readerFor(store, true);
    const first = await reader.read(Uint32Array.from([slots[0]]));
    const second = await reader.read(Uint32Array.from(slots), first.buffer);
    expect(entryValue(second.buffer, second.starts[1])).toBe(entries[1][1]);
  });

  it('given a promise not yet settled, when read, then this thread reads; once it settles, a thread of its own does', async () => {
    const { store, slots } = storeOf(entries);
    let settle!: () => void;
    const gone = new Promise<void>((resolve) => (settle = resolve));
    const reader = readerFor(store, gone);
    // The path is gone: this thread still reads through its open descriptor, a new thread cannot open it.
    fs.rmSync(store.file);
    const here = await reader.read(Uint32Array.from([slots[0]]));
    expect(entryValue(here.buffer, here.starts[0])).toBe('short');
    settle();
    await gone;
    await expect(reader.read(Uint32Array.from([slots[0]]))).rejects.toThrow(
      /spill file reader: .*ENOENT/,
    );
  });
});
