/** A slot never used: a probe stops here. */
const EMPTY = 0;
/** A slot whose entry was taken back: a probe goes past it. */
const TAKEN = 0xffffffff;

/**
 * Where each spilled entry is in the spill file: an open-addressing hash
 * table in two typed arrays (32-bit hash of map and key, row id), 8 bytes a
 * slot and at most three quarters of the slots used, so 11-16 bytes an
 * entry where a JS Map of the keys would cost ~100. Hashes collide: `find` answers every row id
 * stored under the hash, and the caller reads the row to compare its key.
 *
 * Any number of slots, not a power of two: grown to twice the live entries,
 * a table of 1.5M entries (verify at 1M events) is 3M slots, 24 MB, where the
 * next power of two was 4M, 32 MB, and past 1.57M entries 8M, 64 MB
 * (ADR 0020 §82).
 */
export class SpillIndex {
  private hashes: Uint32Array;
  private rows: Uint32Array;
  private used = 0;
  private taken = 0;

  constructor(initialSlots = 1 << 16) {
    const slots = Math.max(16, Math.ceil(initialSlots));
    this.hashes = new Uint32Array(slots);
    this.rows = new Uint32Array(slots);
  }

  /** Slots of the table (8 bytes each). */
  get slots(): number {
    return this.rows.length;
  }

  /** Entries stored and not taken. */
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

  /**
   * Calls `matches` with each row id stored under `hash` until it answers
   * true; that slot is then emptied (its entry taken back) and the row id
   * answered. Undefined when none matched.
   */
  take(hash: number, matches: (row: number) => boolean): number | undefined {
    const slots = this.rows.length;
    let i = hash % slots;
    for (;;) {
      const row = this.rows[i];
      if (row === EMPTY) return undefined;
      if (row !== TAKEN && this.hashes[i] === hash && matches(row)) {
        this.rows[i] = TAKEN;
        this.taken += 1;
        return row;
      }
      i = i + 1 === slots ? 0 : i + 1;
    }
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
