/**
 * `recordedAt` in one canonical form (`toISOString`: UTC, milliseconds, `Z`) so
 * that "as known at" is a plain string comparison. A value that does not parse
 * is kept as written rather than dropped.
 */
export function canonicalInstant(value: string): string {
  // Recorded times are nearly always written in the canonical form already;
  // parsing and printing each one again was 7 % of a rebuild's CPU (issue #16).
  if (isCanonicalInstant(value)) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

const CANONICAL_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether `toISOString` would print the instant exactly as written: the form
 * matches and the day exists (`Date` rolls 2023-02-30 over to March 2).
 */
function isCanonicalInstant(value: string): boolean {
  // `test` and the digits read in place: `exec`'s match array and its three
  // strings, made for every event each projection dates, were garbage (§67).
  if (!CANONICAL_INSTANT.test(value)) return false;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

/** The number the ASCII digits `value[at … at+count)` write (the caller checked they are digits). */
function digitsAt(value: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) n = n * 10 + (value.charCodeAt(i) - 48);
  return n;
}
