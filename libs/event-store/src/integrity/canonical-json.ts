/**
 * Canonical JSON (ADR 0007): RFC 8785, the JSON Canonicalization Scheme
 * (JCS): the one byte sequence a JSON value hashes and signs as, whoever wrote
 * it and however a store round-tripped it. Every stored hash depends on these
 * bytes, so they may never change; the RFC's own test vectors pin them
 * (canonical-json.unit.spec.ts).
 *
 * For a JSON value (the I-JSON RFC 8785 takes as input) the output is the RFC's:
 * - Objects: members sorted by key in UTF-16 code-unit order (what
 *   `Array.prototype.sort` does on strings, RFC 8785 §3.2.3), no whitespace.
 * - Strings and numbers are written exactly as `JSON.stringify` writes them:
 *   RFC 8785 §3.2.2 prescribes the ECMAScript serialisation, so `-0` is `0`,
 *   `1e21` is `1e+21`; integer fen, the only numbers the ledger has, come out
 *   as plain digits.
 *
 * Values JSON cannot hold are outside RFC 8785 (which refuses them); here they
 * follow `JSON.stringify` instead, so a value hashes the same before it is
 * stored and after it is read back: `toJSON` is called, members that are
 * `undefined`, functions or symbols are left out, the same in an array become
 * `null`, non-finite numbers become `null`, a lone surrogate is escaped. A
 * `bigint` or a cycle throws (JSON cannot hold them either; a cycle is found
 * by the depth it reaches, which no event comes near).
 */
export function canonicalJson(value: unknown): string {
  const v = toJsonValue(value);
  if (isOmitted(v)) throw new TypeError('canonicalJson: the value has no JSON form');
  return write(v, 0);
}

/** Deeper than this is a cycle (or data no ledger event has). */
const DEPTH_MAX = 512;

/** Quoted keys, reused: events repeat the same few hundred keys millions of times. */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_MAX = 10_000;

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < QUOTED_KEYS_MAX) quotedKeys.set(key, quoted);
  }
  return quoted;
}

/**
 * What JSON.stringify escapes in a string: quotes, backslashes, controls, and
 * surrogates (a lone one is escaped; a pair is left to JSON.stringify too).
 */
// eslint-disable-next-line no-control-regex -- the controls are what it looks for
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * JSON.stringify of a string, without the call where nothing needs escaping:
 * the bytes are the same (ECMAScript's QuoteJSONString changes only those
 * characters), and a verification of 1M events quotes ~40M strings.
 */
function quote(v: string): string {
  return ESCAPED.test(v) ? JSON.stringify(v) : `"${v}"`;
}

/** `v` has had its `toJSON` applied already (JSON.stringify calls it once per value). */
function write(v: unknown, depth: number): string {
  switch (typeof v) {
    case 'string':
      return quote(v);
    case 'number':
      // A finite number's JSON text is its ECMAScript string (Number::toString).
      return Number.isFinite(v) ? String(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('canonicalJson: a bigint has no JSON form');
    case 'object':
      break;
    default:
      return 'null';
  }
  if (v === null) return 'null';
  if (depth >= DEPTH_MAX)
    throw new TypeError('canonicalJson: the value has a cycle or is too deep');
  if (Array.isArray(v)) {
    let out = '[';
    for (let i = 0; i < v.length; i++) {
      if (i > 0) out += ',';
      const item = toJsonValue(v[i]);
      out += isOmitted(item) ? 'null' : write(item, depth + 1);
    }
    return `${out}]`;
  }
  const record = v as Record<string, unknown>;
  const keys = sortedKeys(record);
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = toJsonValue(record[key]);
    if (isOmitted(member)) continue;
    if (!first) out += ',';
    first = false;
    out += quoteKey(key);
    out += ':';
    out += write(member, depth + 1);
  }
  return `${out}}`;
}

/** Objects with at most this many keys are sorted by insertion (see `sortedKeys`). */
const INSERTION_SORT_KEYS_MAX = 32;

/**
 * The object's keys in UTF-16 code-unit order, the order `sort()` gives
 * strings (`<` compares strings by code units too, and keys are never equal).
 * An event's objects have a handful of keys each: sorting them in place by
 * insertion spares `Array.prototype.sort`'s work array, which was a quarter
 * of what verification's log thread allocated (issue #16, ADR 0020 §70).
 */
function sortedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  if (keys.length > INSERTION_SORT_KEYS_MAX) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i];
    let j = i - 1;
    while (j >= 0 && keys[j] > key) {
      keys[j + 1] = keys[j];
      j--;
    }
    keys[j + 1] = key;
  }
  return keys;
}

/** What JSON.stringify would serialise in place of `value` (its `toJSON`, if any). */
function toJsonValue(value: unknown): unknown {
  if (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { toJSON?: unknown }).toJSON === 'function'
  ) {
    return (value as { toJSON: () => unknown }).toJSON();
  }
  return value;
}

function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}
