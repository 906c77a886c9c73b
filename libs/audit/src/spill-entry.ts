import { readSync } from 'node:fs';

/**
 * The layout of one entry of a spill file (`SpillStore`), and reading
 * entries back by their slot: shared by the store and by the thread that
 * reads a batch of them for verification's document comparison
 * (`spill-read.worker`, ADR 0020 §105).
 */

/** Entries start on 8-byte boundaries: the index holds offset / 8 + 1 in 32 bits (files up to 32 GiB). */
export const ALIGN_BYTES = 8;
/** map, key length, value length (each a u32; a length's top bit: the text is UTF-16). */
export const HEADER_BYTES = 12;
export const UTF16_FLAG = 0x8000_0000;
/** A read takes this much first; a longer entry takes a second read. */
export const FIRST_READ_BYTES = 512;
/**
 * As much, for a batch of whole entries: one `pread` costs about the same up
 * to a few KiB, and most documents are longer than 512 bytes with their key
 * (the reader thread waited 0.85 s at 1M events with 512, 0.48 with this).
 */
const BATCH_FIRST_READ_BYTES = 4096;

/** A batch's first buffer, in bytes (a batch of documents reads ~0.5-2 MB). */
export const BATCH_BUFFER_BYTES = 1024 * 1024;

/** Where the entry of index row id `slot` starts in the file. */
export const slotOffset = (slot: number): number => (slot - 1) * ALIGN_BYTES;

export function byteLength(header: number): number {
  return header & UTF16_FLAG ? (header & ~UTF16_FLAG) * 2 : header;
}

export function encodingOf(header: number): 'latin1' | 'utf16le' {
  return header & UTF16_FLAG ? 'utf16le' : 'latin1';
}

/**
 * Reads the entry at file offset `offset` into `buffer` from `at`: its header
 * and key, and its value when `withValue`. Answers the buffer it is in (a
 * longer copy when it did not fit, made with `allocUnsafeSlow`, so that it
 * owns its memory and can be sent to another thread) and its length.
 */
export function readEntry(
  fd: number,
  buffer: Buffer,
  at: number,
  offset: number,
  withValue: boolean,
  firstReadBytes = FIRST_READ_BYTES,
): { buffer: Buffer; bytes: number } {
  let target =
    buffer.length >= at + firstReadBytes ? buffer : grown(buffer, at, at + firstReadBytes);
  const got = readSync(fd, target, at, firstReadBytes, offset);
  if (got < HEADER_BYTES) throw new Error('spill file: an entry was cut short');
  const keyEnd = HEADER_BYTES + byteLength(target.readUInt32LE(at + 4));
  const bytes = withValue ? keyEnd + byteLength(target.readUInt32LE(at + 8)) : keyEnd;
  if (bytes > got) {
    if (target.length < at + bytes) target = grown(target, at + got, at + bytes);
    const rest = readSync(fd, target, at + got, bytes - got, offset + got);
    if (got + rest < bytes) throw new Error('spill file: an entry was cut short');
  }
  return { buffer: target, bytes };
}

/** A longer buffer holding the first `keep` bytes of `buffer`. */
function grown(buffer: Buffer, keep: number, need: number): Buffer {
  const longer = Buffer.allocUnsafeSlow(Math.max(need, buffer.length * 2));
  buffer.copy(longer, 0, 0, keep);
  return longer;
}

/** Entries read one after another into one buffer: entry i from `starts[i]`. */
export interface SpillEntryBatch {
  buffer: Buffer;
  /** One more than the entries: the last is where the last entry ends. */
  starts: Uint32Array;
}

/** The entries (header, key and value) of index row ids `slots`, in that order. */
export function readEntries(fd: number, slots: Uint32Array, buffer: Buffer): SpillEntryBatch {
  const starts = new Uint32Array(slots.length + 1);
  let target = buffer;
  let at = 0;
  for (let i = 0; i < slots.length; i++) {
    starts[i] = at;
    const read = readEntry(fd, target, at, slotOffset(slots[i]), true, BATCH_FIRST_READ_BYTES);
    target = read.buffer;
    at += read.bytes;
  }
  starts[slots.length] = at;
  return { buffer: target, starts };
}

/** The map id of the entry read into `buffer` at `at`. */
export const entryMap = (buffer: Buffer, at: number): number => buffer.readUInt32LE(at);

/** The key of the entry read into `buffer` at `at`. */
export function entryKey(buffer: Buffer, at: number): string {
  const header = buffer.readUInt32LE(at + 4);
  const from = at + HEADER_BYTES;
  return buffer.toString(encodingOf(header), from, from + byteLength(header));
}

/** The value of the entry read (with its value) into `buffer` at `at`. */
export function entryValue(buffer: Buffer, at: number): string {
  const keyHeader = buffer.readUInt32LE(at + 4);
  const valueHeader = buffer.readUInt32LE(at + 8);
  const from = at + HEADER_BYTES + byteLength(keyHeader);
  return buffer.toString(encodingOf(valueHeader), from, from + byteLength(valueHeader));
}
