import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SpillIndex, spillHash } from './spill-index';
import {
  ALIGN_BYTES,
  byteLength,
  entryKey,
  entryMap,
  entryValue,
  FIRST_READ_BYTES,
  HEADER_BYTES,
  readEntries,
  readEntry,
  SpillEntryBatch,
  slotOffset,
  UTF16_FLAG,
} from './spill-entry';

export const SPILL_LIMITS = {
  /**
   * Entries a map keeps in memory (~200 bytes each): verification touches a
   * key with a few events close together in the log, so the newest entries
   * are the ones asked for again.
   */
  hotEntries: 4_096,
} as const;

/** The largest write buffer a store keeps for its next `put`. */
const WRITE_BUFFER_KEEP_BYTES = 8 * 1024 * 1024;
/** Code units past Latin-1: such a text is stored as UTF-16, the rest byte for byte. */
// eslint-disable-next-line no-control-regex -- Latin-1 is what it looks for
const PAST_LATIN1 = /[^\u0000-\u00ff]/;

/**
 * Where the `SpillMap`s of one verification put the entries they do not keep
 * in memory (issue #16): one throw-away file in a temporary directory of its
 * own, never synced, removed on `close`. With a million events the
 * per-stream and per-person state of the checks is several hundred MB as JS
 * Maps; here it costs disk and ~16 bytes an entry of `SpillIndex`.
 *
 * The file is a log of entries, each written once: a spill of many entries
 * is one `write`, a take one or two `pread`s, and an entry taken back stays
 * as dead bytes. It was a SQLite table: one INSERT an entry was ~12 % of the
 * log thread's CPU at 1M events, where no entry spilled was ever read back,
 * and its page cache 4 MiB of RSS (ADR 0020 §90). Texts are kept exactly:
 * Latin-1 byte for byte (the checks' packed values), anything else as
 * UTF-16 code units (a lone surrogate too).
 */
export class SpillStore {
  private readonly fd: number;
  /** Bytes written so far (a multiple of ALIGN_BYTES). */
  private end = 0;
  private readBuffer: Buffer = Buffer.allocUnsafe(FIRST_READ_BYTES);
  /**
   * Reused by every `put` up to WRITE_BUFFER_KEEP_BYTES: a buffer a batch
   * (the replay's documents write ~1 MB a page) lives outside V8's heap until
   * a collection finds it dead, and thousands of them raised verify's peak
   * RSS (ADR 0020 §103).
   */
  private writeBuffer = Buffer.allocUnsafe(0);
  private readonly index = new SpillIndex();
  /** Its temporary directory (removed on close). */
  readonly dir: string;
  /** The file itself, for a reader on another thread (`SpillEntryReader`). */
  readonly file: string;
  private maps = 0;
  private closed = false;

  constructor(
    readonly hotEntries: number = SPILL_LIMITS.hotEntries,
    workDir: string = os.tmpdir(),
  ) {
    if (!Number.isSafeInteger(hotEntries) || hotEntries < 1) {
      throw new RangeError('hotEntries must be a positive integer');
    }
    this.dir = mkdtempSync(path.join(workDir, 'ledger-verify-state-'));
    this.file = path.join(this.dir, 'state.spill');
    try {
      this.fd = openSync(this.file, 'wx+', 0o600);
    } catch (err) {
      rmSync(this.dir, { recursive: true, force: true });
      throw err;
    }
  }

  /** A new, empty map spilling here. */
  map(): SpillMap {
    this.maps += 1;
    return new SpillMap(this, this.maps);
  }

  /** Takes the entry out of the file and answers its value (undefined when not there). */
  take(map: number, key: string): string | undefined {
    return this.lookUp(map, key, true);
  }

  /** The entry's value, left in the file (undefined when not there). */
  find(map: number, key: string): string | undefined {
    return this.lookUp(map, key, false);
  }

  /** Takes the entry out of the file without reading its value; false when not there. */
  remove(map: number, key: string): boolean {
    const matches = (slot: number) => {
      const entry = this.read(slotOffset(slot), false);
      return entry.map === map && entry.key === key;
    };
    return this.index.take(spillHash(map, key), matches) !== undefined;
  }

  /**
   * The index row ids an entry of `map` under `key` may be at (its hash's):
   * read them (`readEntries`) to find which, if any, holds the key.
   */
  slotsOf(map: number, key: string): number[] {
    const slots: number[] = [];
    this.index.find(spillHash(map, key), (slot) => {
      slots.push(slot);
      return false;
    });
    return slots;
  }

  /** Takes the entry at `slot`, found under `key` by `slotsOf`, out; false when it was taken already. */
  takeSlot(map: number, key: string, slot: number): boolean {
    return this.index.take(spillHash(map, key), (row) => row === slot) !== undefined;
  }

  /** The entries at `slots`, read on this thread into `buffer` (or a longer one). */
  readEntries(slots: Uint32Array, buffer: Buffer): SpillEntryBatch {
    return readEntries(this.fd, slots, buffer);
  }

  /** The entries of `map` still in the file, in no particular order. */
  *entries(map: number): IterableIterator<[key: string, value: string]> {
    for (const slot of this.index.rows()) {
      const entry = this.read(slotOffset(slot), true);
      if (entry.map === map) yield [entry.key, entry.value!];
    }
  }

  private lookUp(map: number, key: string, take: boolean): string | undefined {
    let value: string | undefined;
    const matches = (slot: number) => {
      const entry = this.read(slotOffset(slot), true);
      if (entry.map !== map || entry.key !== key) return false;
      value = entry.value;
      return true;
    };
    const hash = spillHash(map, key);
    if (take) this.index.take(hash, matches);
    else this.index.find(hash, matches);
    return value;
  }

  /** Writes entries no longer in memory (none of them is in the file), in one write. */
  put(map: number, entries: readonly [string, string][]): void {
    const forms = entries.map(([key, value]) => [textForm(key), textForm(value)] as const);
    let bytes = 0;
    for (const [k, v] of forms) bytes += entryBytes(k, v);
    const buffer = this.writeBufferOf(bytes);
    const slots: number[] = [];
    let at = 0;
    for (const [k, v] of forms) {
      slots.push((this.end + at) / ALIGN_BYTES + 1);
      buffer.writeUInt32LE(map, at);
      buffer.writeUInt32LE(k.header, at + 4);
      buffer.writeUInt32LE(v.header, at + 8);
      let next = at + HEADER_BYTES;
      next += buffer.write(k.text, next, k.encoding);
      next += buffer.write(v.text, next, v.encoding);
      const padded = at + entryBytes(k, v);
      buffer.fill(0, next, padded);
      at = padded;
    }
    writeFully(this.fd, buffer.subarray(0, bytes), this.end);
    this.end += bytes;
    forms.forEach(([k], i) => this.index.add(spillHash(map, k.text), slots[i]));
  }

  private writeBufferOf(bytes: number): Buffer {
    if (bytes <= this.writeBuffer.length) return this.writeBuffer;
    const buffer = Buffer.allocUnsafe(Math.max(bytes, this.writeBuffer.length * 2));
    if (buffer.length <= WRITE_BUFFER_KEEP_BYTES) this.writeBuffer = buffer;
    return buffer;
  }

  close(): void {
    if (!this.closed) {
      this.closed = true;
      closeSync(this.fd);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The entry at `offset`; its value read only when asked for (else undefined). */
  private read(
    offset: number,
    withValue: boolean,
  ): { map: number; key: string; value: string | undefined } {
    // FIRST_READ_BYTES, not the whole buffer: it grows to the longest entry
    // read, and each look at a key then copied up to 64 KiB (ADR 0020 §103).
    const { buffer } = readEntry(this.fd, this.readBuffer, 0, offset, withValue);
    if (buffer.length <= 64 * 1024) this.readBuffer = buffer;
    return {
      map: entryMap(buffer, 0),
      key: entryKey(buffer, 0),
      value: withValue ? entryValue(buffer, 0) : undefined,
    };
  }
}

interface TextForm {
  text: string;
  encoding: 'latin1' | 'utf16le';
  /** Length in code units, UTF16_FLAG set for UTF-16. */
  header: number;
}

function textForm(text: string): TextForm {
  if (text.length >= UTF16_FLAG) throw new RangeError('spill: a text too long to store');
  return PAST_LATIN1.test(text)
    ? { text, encoding: 'utf16le', header: (text.length | UTF16_FLAG) >>> 0 }
    : { text, encoding: 'latin1', header: text.length };
}

/** The bytes an entry takes in the file, padding included. */
function entryBytes(key: TextForm, value: TextForm): number {
  const bytes = HEADER_BYTES + byteLength(key.header) + byteLength(value.header);
  return Math.ceil(bytes / ALIGN_BYTES) * ALIGN_BYTES;
}

function writeFully(fd: number, buffer: Buffer, position: number): void {
  let done = 0;
  while (done < buffer.length) {
    done += writeSync(fd, buffer, done, buffer.length - done, position + done);
  }
}

/**
 * A `Map<string, string>` for the state a check keeps per key (per stream,
 * per person, per claim) that keeps its newest entries in memory and the
 * rest in a `SpillStore`: each key is in exactly one of the two, so the size
 * is exact and an entry read back is the last one written. Without a store
 * it is a plain Map (unit tests, small callers).
 */
export class SpillMap {
  private readonly hot = new Map<string, string>();
  /** Entries in the store's file. */
  private cold = 0;
  /** The last key looked for and found nowhere: setting it needs no look in the file. */
  private absent: string | undefined;

  constructor(
    private readonly store?: SpillStore,
    private readonly id = 0,
  ) {}

  get size(): number {
    return this.hot.size + this.cold;
  }

  get(key: string): string | undefined {
    const value = this.hot.get(key);
    if (value !== undefined || this.cold === 0) return value;
    const found = this.store!.take(this.id, key);
    if (found === undefined) {
      this.absent = key;
      return undefined;
    }
    this.cold -= 1;
    this.hot.set(key, found);
    this.spillIfFull();
    return found;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: string): this {
    if (this.cold > 0 && key !== this.absent && !this.hot.has(key)) {
      if (this.store!.take(this.id, key) !== undefined) this.cold -= 1;
    }
    this.absent = undefined;
    this.hot.set(key, value);
    this.spillIfFull();
    return this;
  }

  delete(key: string): boolean {
    if (this.hot.delete(key)) return true;
    if (this.cold === 0 || key === this.absent) return false;
    if (this.store!.take(this.id, key) === undefined) return false;
    this.cold -= 1;
    return true;
  }

  /** Over the limit: the oldest quarter goes to the file (a Map iterates in insertion order). */
  private spillIfFull(): void {
    const store = this.store;
    if (store === undefined || this.hot.size <= store.hotEntries) return;
    const out: [string, string][] = [];
    const count = Math.max(1, Math.floor(store.hotEntries / 4));
    for (const entry of this.hot) {
      out.push(entry);
      if (out.length >= count) break;
    }
    store.put(this.id, out);
    for (const [key] of out) this.hot.delete(key);
    this.cold += out.length;
  }
}

/** A new map of the store, or a plain in-memory one when there is no store. */
export function spillMapOf(store: SpillStore | undefined): SpillMap {
  return store?.map() ?? new SpillMap();
}
