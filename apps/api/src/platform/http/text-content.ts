import type { FieldError } from './validation';

/**
 * What no string field may hold (issue #12): control characters (a tab, a
 * line feed and a carriage return excepted, for multi-line text), formatting
 * characters that change what a reader sees without being seen themselves
 * (bidi overrides and isolates, zero-width spaces, soft hyphens, BOMs),
 * broken UTF-16 (a lone surrogate from a `\ud800` escape), and text that is
 * only blanks and such invisible characters. The zero-width joiner and
 * non-joiner are let through inside visible text: some scripts and emoji need
 * them.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const INVISIBLE_FORMAT = /(?![\u200C\u200D])[\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
const BLANK = /^[\s\u200B-\u200D\u2060\uFEFF\u115F\u1160\u3164\uFFA0\u2800]*$/u;

const NESTING_MAX = 32;
const ERRORS_MAX = 100;

export function textProblem(value: string): string | undefined {
  if (CONTROL.test(value)) return 'must not hold control characters';
  if (INVISIBLE_FORMAT.test(value)) {
    return 'must not hold invisible formatting characters (bidi controls, zero-width spaces) or broken UTF-16';
  }
  if (value.length > 0 && BLANK.test(value)) return 'must not be blank';
  return undefined;
}

/** Every string in `value` (a parsed body, a query) with a problem, by its dotted path. */
export function textFieldErrors(
  value: unknown,
  prefix = '',
  depth = 0,
  out: FieldError[] = [],
): FieldError[] {
  if (out.length >= ERRORS_MAX || depth > NESTING_MAX) return out;
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) {
      const field = prefix === '' ? '(root)' : prefix;
      out.push({ field, messages: [`${field.split('.').pop()} ${problem}`] });
    }
    return out;
  }
  if (value === null || typeof value !== 'object') return out;
  const entries = Array.isArray(value)
    ? value.map((item, index) => [String(index), item] as const)
    : Object.entries(value as Record<string, unknown>);
  for (const [key, item] of entries) {
    textFieldErrors(item, prefix === '' ? key : `${prefix}.${key}`, depth + 1, out);
  }
  return out;
}
