import { isValidResidentId, maskResidentId } from '@ledger/domain/identity/resident-id';

/** Roles that may see a person's full ID number (RULES.md "Identity"). */
export const FULL_ID_ROLES: ReadonlySet<string> = new Set(['reviewer', 'supervisor']);

/** Keys whose string value is an ID number even when it does not pass the check digit. */
const ID_KEYS: ReadonlySet<string> = new Set(['personId', 'residentId', 'idNumber']);

/** Bounds the walk: event data is at most a few MB, nested a few levels. */
const DEPTH_MAX = 64;

/**
 * A deep copy of `value` in which every resident ID number is masked
 * (`140202********1234`): every string that is a valid resident ID, wherever it
 * is, and every 18-character string under a key named like an ID. Person
 * stream names and keys are keyed hashes already and are left alone.
 */
export function maskResidentIds<T>(value: T): T {
  return walk(value, undefined, 0) as T;
}

function walk(value: unknown, key: string | undefined, depth: number): unknown {
  if (typeof value === 'string') return maskString(value, key);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= DEPTH_MAX) return '[masked: nested too deep]';
  if (Array.isArray(value)) return value.map((item) => walk(item, key, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = walk(v, k, depth + 1);
  }
  return out;
}

function maskString(value: string, key: string | undefined): string {
  if (
    value.length === 18 &&
    (isValidResidentId(value) || (key !== undefined && ID_KEYS.has(key)))
  ) {
    return maskResidentId(value);
  }
  if (value.length > 18 && /\d{17}[\dXx]/.test(value)) {
    // An ID number inside free text (an objection, a note).
    return value.replace(/\d{17}[\dXx]/g, (id) =>
      isValidResidentId(id.toUpperCase()) ? maskResidentId(id) : id,
    );
  }
  return value;
}
