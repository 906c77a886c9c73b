import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckCharacter,
  creditCodeProblem,
  isValidCreditCode,
  organisationCodeCheckCharacter,
} from './credit-code';
import { makeCreditCode } from './test-ids';

describe('R-ID unified social credit code (GB 32100-2015)', () => {
  // Published codes: the standard's own worked example, and codes listed as
  // real in python-stdnum's test suite, chosen to cover the edge cases.
  const published: Array<[string, string]> = [
    ['91350100M000100Y43', "the standard's worked example (91350100M000100Y4 → 3)"],
    ['91110000600037341L', 'an enterprise with an all-digit organisation code'],
    ['121200004013590816', 'a public institution (authority 1, type 2)'],
    ['12440600MB2C07549J', 'a public institution with a letter organisation code'],
    ['92340602MA2PBMEM24', 'an individual business (type 2)'],
    ['9144030071526726XG', 'an organisation code whose check character is X (10)'],
    ['91340602MA2UJY0D0T', 'an organisation code whose check character is 0 (11 → 0)'],
    ['91620105L015101280', 'an organisation code starting with L and a final check character of 0'],
    ['911522010783762860', 'a final check character of 0 (31 → 0)'],
    ['91152201078391769Y', 'a final check character of Y (30)'],
    ['91340603MA2UJXXCXF', 'X inside the organisation code and as its check character'],
  ];

  it.each(published)(
    'given the published code %s (%s), when validated, then it is accepted',
    (code) => {
      expect(creditCodeProblem(code)).toBeUndefined();
      expect(isValidCreditCode(code)).toBe(true);
    },
  );

  describe('length', () => {
    it.each([
      ['', 'empty'],
      ['91350100M000100Y4', '17 characters'],
      ['91350100M000100Y433', '19 characters'],
      [' 91350100M000100Y43', 'a leading space'],
    ])('given %j (%s), when validated, then it is refused as not 18 characters', (code) => {
      expect(creditCodeProblem(code)).toBe('must be 18 characters');
      expect(isValidCreditCode(code)).toBe(false);
    });
  });

  describe('character set', () => {
    it.each(['I', 'O', 'Z', 'S', 'V'])(
      'given a code containing the excluded letter %s, when validated, then it is refused naming the letter',
      (letter) => {
        const code = `91350100M000100${letter}43`;
        expect(creditCodeProblem(code)).toBe(`character '${letter}' is not allowed`);
      },
    );

    it('given a code with a lowercase letter, when validated, then it is refused asking for uppercase', () => {
      expect(creditCodeProblem('91350100m000100Y43')).toBe(
        "character 'm' is not allowed: letters must be uppercase",
      );
    });

    it('given a code containing a hyphen, when validated, then it is refused naming the hyphen', () => {
      expect(creditCodeProblem('91350100-M000100Y4')).toBe("character '-' is not allowed");
    });
  });

  describe('region code', () => {
    it('given a letter in positions 3-8, when validated, then it is refused naming the region code', () => {
      // Otherwise well formed: both check characters are right for these 17.
      const first17 = '9135A100M000100Y4';
      const code = `${first17}${creditCodeCheckCharacter(first17)}`;
      expect(creditCodeProblem(code)).toBe('region code (positions 3-8) must be 6 digits');
    });
  });

  describe('organisation code check character (GB 11714, position 17)', () => {
    it('given the organisation code body M000100Y, when its check character is computed, then it is 4', () => {
      // M = 22, Y = 34 in GB 11714: 22*3 + 1*5 + 34*2 = 139; 139 mod 11 = 7; 11 - 7 = 4.
      expect(organisationCodeCheckCharacter('M000100Y')).toBe('4');
    });

    it('given bodies whose remainder is 1 or 0, when computed, then the check characters are X and 0', () => {
      expect(organisationCodeCheckCharacter('71526726')).toBe('X');
      expect(organisationCodeCheckCharacter('MA2UJY0D')).toBe('0');
      expect(organisationCodeCheckCharacter('00000000')).toBe('0');
    });

    it('given a code whose position 17 is wrong but whose position 18 matches, when validated, then it is refused naming position 17', () => {
      const first17 = '91350100M000100Y5';
      const code = `${first17}${creditCodeCheckCharacter(first17)}`;
      expect(creditCodeProblem(code)).toBe(
        'organisation code check character (position 17) is wrong: expected 4',
      );
    });

    it('given a body with a character outside 0-9/A-Z, when its check character is asked for, then it throws', () => {
      expect(() => organisationCodeCheckCharacter('m000100Y')).toThrow(RangeError);
      expect(() => organisationCodeCheckCharacter('M000100')).toThrow(RangeError);
    });
  });

  describe('check character (GB 32100, position 18)', () => {
    it('given the standard example with Z in position 18, when validated, then it is refused (Z is not in the set)', () => {
      expect(creditCodeProblem('91350100M000100Y4Z')).toBe("character 'Z' is not allowed");
    });

    it('given the standard example with a wrong position 18, when validated, then it is refused naming the expected character', () => {
      expect(creditCodeProblem('91350100M000100Y44')).toBe(
        'check character (position 18) is wrong: expected 3',
      );
    });

    it('given a code reported as issued in Xiamen before 2016 that fails the GB 32100 check, when validated, then it is refused', () => {
      // hutool issue #4119: 91350203M0001QKT19 is in use, but its check
      // character does not follow the standard. RULES.md requires the check.
      expect(creditCodeProblem('91350203M0001QKT19')).toBe(
        'check character (position 18) is wrong: expected F',
      );
    });

    it('given any single character of a valid code replaced by another allowed character, when validated, then it is refused', () => {
      const valid = '91350100M000100Y43';
      for (let i = 0; i < 18; i++) {
        for (const ch of CREDIT_CODE_CHARSET) {
          if (ch === valid[i]) continue;
          const mutated = `${valid.slice(0, i)}${ch}${valid.slice(i + 1)}`;
          expect([mutated, isValidCreditCode(mutated)]).toEqual([mutated, false]);
        }
      }
    });

    it('given two adjacent characters of a valid code swapped, when validated, then it is refused', () => {
      const valid = '9144030071526726XG';
      for (let i = 0; i < 17; i++) {
        if (valid[i] === valid[i + 1]) continue;
        const swapped = `${valid.slice(0, i)}${valid[i + 1]}${valid[i]}${valid.slice(i + 2)}`;
        expect([swapped, isValidCreditCode(swapped)]).toEqual([swapped, false]);
      }
    });

    it('given 17 characters containing a letter outside the set, when the check character is asked for, then it throws', () => {
      expect(() => creditCodeCheckCharacter('91350100M000100I4')).toThrow(RangeError);
      expect(() => creditCodeCheckCharacter('9135010')).toThrow(RangeError);
    });
  });

  describe('makeCreditCode fixture', () => {
    it('given seeds 0..2000 and some large ones, when codes are made, then each is valid, Datong-registered and distinct', () => {
      const seeds = [...Array.from({ length: 2001 }, (_, i) => i), 12_345_678, 99_999_999];
      const codes = seeds.map(makeCreditCode);
      for (const code of codes) {
        expect([code, creditCodeProblem(code)]).toEqual([code, undefined]);
        expect(code.slice(0, 8)).toBe('91140200');
      }
      expect(new Set(codes).size).toBe(codes.length);
    });

    it('given the same seed twice, when codes are made, then they are equal', () => {
      expect(makeCreditCode(42)).toBe(makeCreditCode(42));
      expect(makeCreditCode(0)).toBe('911402000000000005');
    });

    it('given a negative, fractional or too large seed, when a code is made, then it throws', () => {
      expect(() => makeCreditCode(-1)).toThrow(RangeError);
      expect(() => makeCreditCode(1.5)).toThrow(RangeError);
      expect(() => makeCreditCode(100_000_000)).toThrow(RangeError);
      expect(() => makeCreditCode(Number.NaN)).toThrow(RangeError);
    });
  });
});
