/**
 * Per-person state packed into one short string, because verification keeps
 * some for every person who ever had a claim, and a million persons must fit
 * in memory: a string of ~60 one-byte characters costs ~80 bytes, where the
 * same facts as objects, arrays and Maps cost several hundred. A person is
 * touched by a handful of events, so unpacking on each touch is cheap.
 *
 * Records are separated by U+0001 and fields by U+0002, characters no id of
 * the ledger contains.
 */
const RECORD = '\u0001';
const FIELD = '\u0002';

export function packRecords(records: readonly (readonly (string | number)[])[]): string {
  return records.map((r) => r.join(FIELD)).join(RECORD);
}

export function unpackRecords(packed: string | undefined): string[][] {
  if (packed === undefined || packed === '') return [];
  return packed.split(RECORD).map((r) => r.split(FIELD));
}

/** A month `YYYY-MM` as three base-36 characters (any year up to 3887), and back. */
export function packMonth(month: string): string | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return undefined;
  return (Number(m[1]) * 12 + Number(m[2]) - 1).toString(36).padStart(3, '0');
}

export function unpackMonth(packed: string): string {
  const n = parseInt(packed, 36);
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/** Splits a run of packed months into its three-character months. */
export function packedMonths(run: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 3 <= run.length; i += 3) out.push(run.slice(i, i + 3));
  return out;
}
