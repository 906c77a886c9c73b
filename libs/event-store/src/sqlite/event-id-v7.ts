import { randomFillSync } from 'node:crypto';

/**
 * Event ids the SQLite store mints when the caller gives none: UUIDv7
 * (RFC 9562), a 48-bit Unix millisecond timestamp, then 74 random bits
 * (node:crypto). The `event_id` column is UNIQUE: a random UUIDv4 lands at a
 * random place in its index, so a transaction of 64 appends dirtied ~64 index
 * pages and wrote each to the WAL; ids that grow with time are inserted at
 * the index's end (ADR 0020 §30). Still a valid UUID, as EventStoreDB wants.
 *
 * Within a process the ids strictly increase: the 12 bits after the version
 * are a counter, started at a random value below 2^11 each new millisecond
 * and incremented within one; a clock that steps back, or a counter that runs
 * out, keeps the last millisecond used (and moves it on by one), never an
 * earlier one. Uniqueness rests on the 62 random bits of the last 8 bytes
 * (and the UNIQUE index refuses a duplicate in any case).
 */

const BATCH = 256;
const random = Buffer.alloc(16 * BATCH);
let randomAt = random.length;
let lastMs = 0;
let counter = 0;

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function eventIdV7(nowMs: number = Date.now()): string {
  if (randomAt === random.length) {
    randomFillSync(random);
    randomAt = 0;
  }
  const b = randomAt;
  randomAt += 16;
  if (nowMs > lastMs) {
    lastMs = nowMs;
    counter = ((random[b + 6] << 8) | random[b + 7]) & 0x7ff;
  } else if (++counter > 0xfff) {
    lastMs += 1;
    counter = ((random[b + 6] << 8) | random[b + 7]) & 0x7ff;
  }
  const ms = lastMs;
  // 48 bits do not fit a 32-bit shift: the high 16 and low 32 apart.
  const high = Math.floor(ms / 0x1_0000_0000);
  const low = ms >>> 0;
  const h = HEX;
  return (
    h[(high >>> 8) & 0xff] +
    h[high & 0xff] +
    h[low >>> 24] +
    h[(low >>> 16) & 0xff] +
    '-' +
    h[(low >>> 8) & 0xff] +
    h[low & 0xff] +
    '-' +
    h[0x70 | (counter >>> 8)] +
    h[counter & 0xff] +
    '-' +
    h[0x80 | (random[b + 8] & 0x3f)] +
    h[random[b + 9]] +
    '-' +
    h[random[b + 10]] +
    h[random[b + 11]] +
    h[random[b + 12]] +
    h[random[b + 13]] +
    h[random[b + 14]] +
    h[random[b + 15]]
  );
}
