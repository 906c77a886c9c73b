/**
 * Resident ID number (公民身份号码), GB 11643-1999.
 *
 * 18 characters: positions 1-6 the region code (GB/T 2260), 7-14 the birth
 * date YYYYMMDD, 15-17 a sequence number (odd for men, even for women) and 18
 * an ISO 7064 MOD 11-2 check character, a digit or an uppercase `X`.
 *
 * Enforced: length, digits, the trailing character (a lowercase `x` is refused;
 * the API layer calls `normaliseResidentId` first), a real birth date in 1900
 * or later, and the check character. Not enforced: that the region code exists
 * or that the birth date is not in the future (the domain has no clock).
 *
 * A resident ID is personal data (RULES.md "Identity"), so no reason returned
 * here repeats any part of the number, and the expected check character is not
 * named (a wrong check character usually means a mistyped digit elsewhere).
 */
import { daysInMonth } from '../shared/business-date';

/** ISO 7064 MOD 11-2 weights for positions 1-17: 2^(18-i) mod 11. */
const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
const SEVENTEEN_DIGITS = /^[0-9]{17}$/;

/** The check character (a digit or 'X') for the first 17 digits. */
export function residentIdCheckCharacter(first17: string): string {
  if (!SEVENTEEN_DIGITS.test(first17)) throw new RangeError('expected 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * RESIDENT_ID_WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

/**
 * Uppercases a trailing lowercase `x`, for the API layer to apply before
 * validation. Nothing else is changed.
 */
export function normaliseResidentId(id: string): string {
  return id.endsWith('x') ? `${id.slice(0, -1)}X` : id;
}

/** Undefined when `id` is a valid resident ID number, otherwise a short reason. */
export function residentIdProblem(id: string): string | undefined {
  if (typeof id !== 'string') return 'must be a string';
  if (id.length !== 18) return 'must be 18 characters';
  const first17 = id.slice(0, 17);
  if (!SEVENTEEN_DIGITS.test(first17)) return 'characters 1-17 must be digits';
  const last = id[17];
  if (last === 'x') return 'last character must be a digit or an uppercase X, not a lowercase x';
  if (!/^[0-9X]$/.test(last)) return 'last character must be a digit or an uppercase X';
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  if (year < 1900) return 'birth date (positions 7-14) must be in 1900 or later';
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return 'birth date (positions 7-14) is not a real date';
  }
  if (last !== residentIdCheckCharacter(first17)) {
    return 'check digit (position 18) is wrong: it does not match the first 17 digits';
  }
  return undefined;
}

export function isValidResidentId(id: string): boolean {
  return residentIdProblem(id) === undefined;
}

/**
 * The public form of an ID: first 6 and last 4 characters with 8 `*` between
 * (`140202********1234`). Throws, without repeating the input, on anything
 * that is not 18 characters long, so a malformed value is never half-shown.
 */
export function maskResidentId(id: string): string {
  if (typeof id !== 'string' || id.length !== 18) {
    throw new RangeError('maskResidentId takes an 18-character resident ID');
  }
  return `${id.slice(0, 6)}********${id.slice(14)}`;
}
