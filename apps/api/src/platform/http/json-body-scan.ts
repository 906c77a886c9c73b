/**
 * A look at a JSON body's shape before JSON.parse sees it (ADR 0010):
 *
 * - nesting deeper than JSON_DEPTH_MAX levels: class-transformer and the
 *   validator recurse per level, so 100,000 nested arrays overflowed the stack
 *   and every POST answered 500;
 * - a key twice in one object: JSON.parse silently keeps the last, so what a
 *   signature, a proxy or a log saw need not be what the ledger recorded.
 *
 * A small single-pass scanner rather than a library: the well-kept parsers
 * (JSON.parse, secure-json-parse) cannot report duplicate keys, and the ones
 * that can are unmaintained or build a whole second tree. It only tracks the
 * containers and the keys of the objects it is in; malformed JSON is left to
 * JSON.parse to report.
 */
export const JSON_DEPTH_MAX = 32;

export type JsonScanProblem = { kind: 'too-deep' } | { kind: 'duplicate-key'; field: string };

interface Frame {
  /** Keys seen so far; undefined for an array. */
  keys?: Set<string>;
  /** Object: the key being read or last read. Array: the index of the element being read. */
  at: string | number;
  /** Object only: the next string is a key. */
  expectKey: boolean;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export function scanJsonBody(text: string, depthMax = JSON_DEPTH_MAX): JsonScanProblem | undefined {
  const stack: Frame[] = [];
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (end < 0) return undefined;
      const top = stack[stack.length - 1];
      if (top?.keys && top.expectKey) {
        const key = keyOf(text.slice(i, end + 1));
        if (key === undefined) return undefined;
        if (top.keys.has(key)) return { kind: 'duplicate-key', field: pathOf(stack, key) };
        top.keys.add(key);
        top.at = key;
        top.expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= depthMax) return { kind: 'too-deep' };
      stack.push(
        c === 0x7b ? { keys: new Set(), at: '', expectKey: true } : { at: 0, expectKey: false },
      );
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      if (stack.pop() === undefined) return undefined;
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top?.keys) top.expectKey = true;
      else if (top) top.at = (top.at as number) + 1;
    }
  }
  return undefined;
}

/** Index of the quote that closes the string opening at `start`; -1 if it never closes. */
function stringEnd(text: string, start: number): number {
  for (let j = start + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) return j;
    if (c === BACKSLASH) j++;
  }
  return -1;
}

/** The key as JSON.parse will see it (`"n\u0061me"` is `name`); undefined if malformed. */
function keyOf(literal: string): string | undefined {
  if (!literal.includes('\\')) return literal.slice(1, -1);
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}

function pathOf(stack: readonly Frame[], key: string): string {
  return [...stack.slice(0, -1).map((frame) => String(frame.at)), key].join('.');
}
