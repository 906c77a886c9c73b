/** A slot never used: a probe stops here. */
const EMPTY = 0;
/** A slot whose entry was taken back: a probe goes past it. */
const TAKEN = 0xffffffff;

/**
 * Segments of the index, chosen by a hash's top bits (a power of two). Each
 * grows on its own, so a grow allocates a sixteenth of the table while the
 * old one is still held: one table of 1.26M entries (verify at 1M events)
 * grew from 1.68M to 2.52M slots at once, 13 MB and 20 MB of arrays alive
 * together and the old kept until the log thread's next full collection,
 * +16 MB of peak RSS near the end of the run (ADR 0020 §85).
 */
export const SPILL_INDEX_SEGMENTS = 16;
const SEGMENT_SHIFT = 32 - Math.log2(SPILL_INDEX_SEGMENTS);

/**
 * Where each spilled entry is in the spill file: open-addressing hash tables
 * in typed arrays (32-bit hash of map and key, row id), 8 bytes a slot and
 * at most three quarters of the slots used, so 11-16 bytes an entry where a
 * JS Map of the keys would cost ~100. Hashes collide: `find` answers every
 * row id stored under the hash, and the caller reads the row to compare its
 * key.
 */
export class SpillIndex {
  private readonly segments: SpillIndexSegment[];

  constructor(initialSlots = 1 << 16) {
    const each = Math.ceil(initialSlots / SPILL_INDEX_SEGMENTS);
    this.segments = Array.from({ length: SPILL_INDEX_SEGMENTS }, () => new SpillIndexSegment(each));
  }

  /** Slots of the table (8 bytes each). */
  get slots(): number {
    return this.segments.reduce((sum, s) => sum + s.slots, 0);
  }

  /** Slots of each segment (what one grow allocates at most is twice the largest). */
  get segmentSlots(): number[] {
    return this.segments.map((s) => s.slots);
  }

  /** Entries stored and not taken. */
  get size(): number {
    return this.segments.reduce((sum, s) => sum + s.size, 0);
  }

  add(hash: number, row: number): void {
    this.segments[hash >>> SEGMENT_SHIFT].add(hash, row);
  }

  /**
   * Calls `matches` with each row id stored under `hash` until it answers
   * true; that slot is then emptied (its entry taken back) and the row id
   * answered. Undefined when none matched.
   */
  take(hash: number, matches: (row: number) => boolean): number | undefined {
    return this.segments[hash >>> SEGMENT_SHIFT].probe(hash, matches, true);
  }

  /** As `take`, but the entry stays. */
  find(hash: number, matches: (row: number) => boolean): number | undefined {
    return this.segments[hash >>> SEGMENT_SHIFT].probe(hash, matches, false);
  }

  /** Every row id stored and not taken, in no particular order. */
  *rows(): IterableIterator<number> {
    for (const segment of this.segments) yield* segment.liveRows();
  }
}

/**
 * One table of the index. Any number of slots, not a power of two: grown to
 * twice the live entries, where the next power of two over 8/3 of them took
 * up to 5.3 slots an entry (ADR 0020 §82).
 */
class SpillIndexSegment {
  private hashes: Uint32Array;
  private rows: Uint32Array;
  private used = 0;
  private taken = 0;

  constructor(initialSlots: number) {
    const slots = Math.max(16, Math.ceil(initialSlots));
    this.hashes = new Uint32Array(slots);
    this.rows = new Uint32Array(slots);
  }

  get slots(): number {
    return this.rows.length;
  }

  get size(): number {
    return this.used - this.taken;
  }

  add(hash: number, row: number): void {
    if (row === EMPTY || row >= TAKEN) throw new RangeError(`row id ${row} out of range`);
    if ((this.used + 1) * 4 > this.rows.length * 3) this.grow();
    const slots = this.rows.length;
    let i = hash % slots;
    while (this.rows[i] !== EMPTY) i = i + 1 === slots ? 0 : i + 1;
    this.hashes[i] = hash;
    this.rows[i] = row;
    this.used += 1;
  }

  probe(hash: number, matches: (row: number) => boolean, remove: boolean): number | undefined {
    const slots = this.rows.length;
    let i = hash % slots;
    for (;;) {
      const row = this.rows[i];
      if (row === EMPTY) return undefined;
      if (row !== TAKEN && this.hashes[i] === hash && matches(row)) {
        if (remove) {
          this.rows[i] = TAKEN;
          this.taken += 1;
        }
        return row;
      }
      i = i + 1 === slots ? 0 : i + 1;
    }
  }

  /** A copy of the row ids (a generator over the live array would see a grow). */
  liveRows(): number[] {
    const out: number[] = [];
    for (const row of this.rows) if (row !== EMPTY && row !== TAKEN) out.push(row);
    return out;
  }

  /** Half full after: twice the live entries' slots, taken slots dropped. */
  private grow(): void {
    const live = this.used - this.taken;
    const slots = Math.max(16, (live + 1) * 2);
    const hashes = this.hashes;
    const rows = this.rows;
    this.hashes = new Uint32Array(slots);
    this.rows = new Uint32Array(slots);
    this.used = 0;
    this.taken = 0;
    for (let i = 0; i < rows.length; i++) {
      if (rows[i] !== EMPTY && rows[i] !== TAKEN) this.add(hashes[i], rows[i]);
    }
  }
}

/** FNV-1a over the map id and the key's UTF-16 code units. */
export function spillHash(map: number, key: string): number {
  let h = Math.imul(0x811c9dc5 ^ map, 0x01000193);
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
