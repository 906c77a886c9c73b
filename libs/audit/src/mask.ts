import { isValidResidentId, maskResidentId } from '@ledger/domain/identity/resident-id';
import { maskAccountNumber } from '@ledger/domain/payee-account/payee-account.decider';

/** Roles that may see a person's full ID number (RULES.md "Identity"). */
export const FULL_ID_ROLES: ReadonlySet<string> = new Set(['reviewer', 'supervisor']);

/** Keys whose string value is an ID number even when it does not pass the check digit. */
const ID_KEYS: ReadonlySet<string> = new Set(['personId', 'residentId', 'idNumber']);

/**
 * Keys whose values are never personal data and must reach their reader
 * unchanged: credit codes (often 18 digits, like an ID number), stream names
 * (a person's is a keyed hash) and hashes. A hex hash holds 18 decimal digits in
 * a row about once in a hundred; masking it would break every cross-reference.
 */
const VERBATIM_KEYS: ReadonlySet<string> = new Set([
  'enterpriseId',
  'schoolId',
  'creditCode',
  'stream',
  'hash',
  'prevHash',
  // A bank statement's id is the sha256 of its text, and an export names its file's sha256.
  'statementId',
  'sha256',
  // Issue #14: a payee's bank account (19 digits is common) is an enterprise's or school's, not a person's ID number; who sees it in full is decided by the bank-accounts feature.
  'accountNumber',
]);
const VERBATIM_KEY_SUFFIX = /(Key|Hash)$/;

/**
 * References typed by staff (`bankRef`, `documentRef`, …): a bank's own
 * reference is often a run of 20 digits that finance must match against its
 * statements, so only a run holding a valid ID number is masked there.
 */
const REFERENCE_KEY_SUFFIX = /Ref$/;

/** Bounds the walk: event data is at most a few MB, nested a few levels. */
const DEPTH_MAX = 64;

/**
 * Anything that could be an ID number written by a person: 17 digits or more
 * and then a digit or an X, in ASCII or full width, even glued to letters or
 * inside a longer run of digits (`abc11010519491231002Xdef`,
 * `9911010519491231002X1`). A typo in the check digit does not make a number
 * less personal, so the check digit is not asked for.
 */
const ID_RUN = /[0-9０-９]{17,}[XxＸｘ][0-9０-９]*|[0-9０-９]{18,}/g;
const MASK_KEPT_HEAD = 6;
const MASK_KEPT_TAIL = 4;

/** A run masked like the public form: its first 6 and last 4 characters kept. */
function maskRun(run: string): string {
  const chars = [...run];
  const hidden = chars.length - MASK_KEPT_HEAD - MASK_KEPT_TAIL;
  return `${chars.slice(0, MASK_KEPT_HEAD).join('')}${'*'.repeat(hidden)}${chars.slice(-MASK_KEPT_TAIL).join('')}`;
}

/**
 * Free text (an objection, a note, a log line, an error message, an actor id)
 * with every run that could be an ID number masked, conservatively.
 */
export function maskIdNumbersInText(text: string): string {
  return text.replace(ID_RUN, maskRun);
}

/** Masks only runs that hold a valid ID number in some 18-character window. */
function maskValidIdRuns(text: string): string {
  return text.replace(ID_RUN, (run) => {
    const ascii = run.replace(/[０-９ＸｘXx]/g, (c) => asciiOf(c));
    for (let i = 0; i + 18 <= ascii.length; i++) {
      if (isValidResidentId(ascii.slice(i, i + 18))) return maskRun(run);
    }
    return run;
  });
}

const asciiOf = (c: string): string => {
  if (c === 'x' || c === 'ｘ' || c === 'Ｘ') return 'X';
  const code = c.charCodeAt(0);
  return code >= 0xff10 && code <= 0xff19 ? String.fromCharCode(code - 0xff10 + 48) : c;
};

/**
 * A deep copy of `value` in which every resident ID number is masked
 * (`140202********1234`): an 18-character value under a key named like an
 * ID, and any run that could be an ID number in every other string, except
 * under the keys above that never hold one. Only arrays and plain objects are
 * walked; anything else (a Buffer, a stream) is returned as it is.
 */
export function maskResidentIds<T>(value: T): T {
  return walk(value, undefined, 0) as T;
}

function walk(value: unknown, key: string | undefined, depth: number): unknown {
  if (typeof value === 'string') return maskString(value, key);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= DEPTH_MAX) return '[masked: nested too deep]';
  if (Array.isArray(value)) return value.map((item) => walk(item, key, depth + 1));
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = walk(v, k, depth + 1);
  }
  return out;
}

function maskString(value: string, key: string | undefined): string {
  if (key !== undefined) {
    if (ID_KEYS.has(key) && value.length === 18) return maskResidentId(value);
    if (VERBATIM_KEYS.has(key) || VERBATIM_KEY_SUFFIX.test(key)) return value;
    if (REFERENCE_KEY_SUFFIX.test(key)) return maskValidIdRuns(value);
  }
  return maskIdNumbersInText(value);
}

/**
 * A deep copy of `value` with every bank account number (`accountNumber`)
 * shown by its last four digits only (issue #14): the audit log and exports
 * go to readers other than finance, who alone see accounts in full.
 */
export function maskAccountNumbers<T>(value: T): T {
  return walkAccounts(value, 0) as T;
}

function walkAccounts(value: unknown, depth: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= DEPTH_MAX) return '[masked: nested too deep]';
  if (Array.isArray(value)) return value.map((item) => walkAccounts(item, depth + 1));
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] =
      k === 'accountNumber' && typeof v === 'string'
        ? maskAccountNumber(v)
        : walkAccounts(v, depth + 1);
  }
  return out;
}
