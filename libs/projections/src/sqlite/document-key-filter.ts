/** Bits a key of a layer is given; with KEY_HASHES each layer answers "maybe" for ~1 % of absent keys. */
const LAYER_BITS_PER_KEY = 10;
const KEY_HASHES = 5;
/** The first layer: 2^20 bits (128 KiB) for ~105k keys; each further layer twice the last. */
const FIRST_LAYER_BITS_LOG2 = 20;

/**
 * The documents a replay has written, as a Bloom filter: it answers "never
 * written" exactly and "maybe written" for every key written and ~1 % of the
 * others, so a load that it rules out needs no look in the table.
 *
 * Verification's replay writes its documents into a scratch file that starts
 * empty and that nothing else writes: 96 % of its 227k loads at 1M events
 * were of documents not there yet, at ~22 µs each on the file's random key
 * order, 5 of the main thread's 31 CPU s (ADR 0020 §93). Not for the live file
 * or a rebuild: another process writes those.
 *
 * It grows by layers (a Bloom filter cannot be resized): when a layer holds
 * its keys another twice its size is added, and a key is looked up in each.
 * ~1.3 bytes a key, all layers together.
 */
export class DocumentKeyFilter {
  private readonly layers: { bits: Uint32Array; mask: number; keys: number; capacity: number }[] =
    [];

  constructor() {
    this.addLayer(FIRST_LAYER_BITS_LOG2);
  }

  /** Keys added (each counted once per call). */
  get added(): number {
    return this.layers.reduce((n, l) => n + l.keys, 0);
  }

  add(key: string): void {
    let layer = this.layers[this.layers.length - 1];
    if (layer.keys >= layer.capacity) {
      this.addLayer(Math.log2(layer.mask + 1) + 1);
      layer = this.layers[this.layers.length - 1];
    }
    const [h1, h2] = keyHashes(key);
    for (let i = 0; i < KEY_HASHES; i++) {
      const bit = (h1 + Math.imul(i, h2)) & layer.mask;
      layer.bits[bit >>> 5] |= 1 << (bit & 31);
    }
    layer.keys += 1;
  }

  /** False: `add` was never called with the key. */
  mightHave(key: string): boolean {
    const [h1, h2] = keyHashes(key);
    for (const layer of this.layers) {
      let all = true;
      for (let i = 0; i < KEY_HASHES && all; i++) {
        const bit = (h1 + Math.imul(i, h2)) & layer.mask;
        all = (layer.bits[bit >>> 5] & (1 << (bit & 31))) !== 0;
      }
      if (all) return true;
    }
    return false;
  }

  private addLayer(bitsLog2: number): void {
    const size = 2 ** bitsLog2;
    this.layers.push({
      bits: new Uint32Array(size / 32),
      mask: size - 1,
      keys: 0,
      capacity: Math.floor(size / LAYER_BITS_PER_KEY),
    });
  }
}

/** Two FNV-1a hashes of the key's UTF-16 code units (double hashing: h1 + i·h2); h2 odd. */
function keyHashes(key: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x01234567;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x050c5d1f);
  }
  return [h1 >>> 0, (h2 | 1) >>> 0];
}
