/**
 * Fixture generators for tests across the project. Deterministic, and every
 * value they return carries a correct check character.
 */
import { creditCodeCheckCharacter, organisationCodeCheckCharacter } from './credit-code';
import { residentIdCheckCharacter } from './resident-id';

/** Datong city (大同市), GB/T 2260. */
const DATONG_REGION = '140200';

/**
 * A resident ID with a correct check character. `region` must be 6 digits and
 * `birth` 8 digits (YYYYMMDD); `birth` is deliberately not required to be a
 * real date, so tests can build IDs that fail only on the birth date.
 * `sequence` (0..999) becomes positions 15-17; its last digit is odd for men.
 */
export function makeResidentId(region: string, birth: string, sequence: number): string {
  if (!/^[0-9]{6}$/.test(region)) throw new RangeError('region must be 6 digits');
  if (!/^[0-9]{8}$/.test(birth)) throw new RangeError('birth must be 8 digits, YYYYMMDD');
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new RangeError('sequence must be an integer from 0 to 999');
  }
  const first17 = `${region}${birth}${String(sequence).padStart(3, '0')}`;
  return `${first17}${residentIdCheckCharacter(first17)}`;
}

/**
 * A valid credit code for an enterprise registered in Datong, distinct for
 * each `seed` (an integer from 0 to 99,999,999): '91' + '140200' + the seed as
 * an 8-digit organisation code body + its GB 11714 check character + the
 * GB 32100 check character.
 */
export function makeCreditCode(seed: number): string {
  if (!Number.isInteger(seed) || seed < 0 || seed > 99_999_999) {
    throw new RangeError('seed must be an integer from 0 to 99,999,999');
  }
  const body = String(seed).padStart(8, '0');
  const first17 = `91${DATONG_REGION}${body}${organisationCodeCheckCharacter(body)}`;
  return `${first17}${creditCodeCheckCharacter(first17)}`;
}
