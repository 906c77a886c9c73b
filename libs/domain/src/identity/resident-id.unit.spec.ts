import {
  isValidResidentId,
  maskResidentId,
  normaliseResidentId,
  residentIdCheckCharacter,
  residentIdProblem,
} from './resident-id';
import { makeResidentId } from './test-ids';

describe('R-ID resident id (GB 11643-1999)', () => {
  describe('valid numbers', () => {
    it('given the example from GB 11643-1999 ending in X, when validated, then it is accepted', () => {
      expect(residentIdProblem('11010519491231002X')).toBeUndefined();
      expect(isValidResidentId('11010519491231002X')).toBe(true);
    });

    it('given a published example ending in a digit, when validated, then it is accepted', () => {
      // Quoted in hutool issue #1367 as passing IdcardUtil.isValidCard.
      expect(residentIdProblem('362322198709086409')).toBeUndefined();
    });

    it('given IDs made for Datong districts, when validated, then they are accepted', () => {
      for (const id of [
        makeResidentId('140202', '19850715', 123),
        makeResidentId('140213', '20000229', 1),
        makeResidentId('140202', '19000101', 999),
      ]) {
        expect([id, residentIdProblem(id)]).toEqual([id, undefined]);
      }
    });
  });

  describe('length and characters', () => {
    it.each([
      ['', 'empty'],
      ['11010519491231002', '17 characters'],
      ['11010519491231002X1', '19 characters'],
      ['110105194912310', 'an old 15-digit number'],
    ])('given %j (%s), when validated, then it is refused as not 18 characters', (id) => {
      expect(residentIdProblem(id)).toBe('must be 18 characters');
      expect(isValidResidentId(id)).toBe(false);
    });

    it('given a letter among the first 17 characters, when validated, then it is refused asking for digits', () => {
      expect(residentIdProblem('1101051949123100XX')).toBe('characters 1-17 must be digits');
      expect(residentIdProblem('X10105194912310029')).toBe('characters 1-17 must be digits');
    });

    it('given a full-width digit, when validated, then it is refused asking for digits', () => {
      expect(residentIdProblem('１10105194912310029')).toBe('characters 1-17 must be digits');
    });

    it('given a last character that is neither a digit nor X, when validated, then it is refused naming the last character', () => {
      expect(residentIdProblem('11010519491231002Y')).toBe(
        'last character must be a digit or an uppercase X',
      );
    });
  });

  describe('trailing X', () => {
    it('given an ID ending in a lowercase x, when validated, then it is refused naming the lowercase x', () => {
      expect(residentIdProblem('11010519491231002x')).toBe(
        'last character must be a digit or an uppercase X, not a lowercase x',
      );
    });

    it('given an ID ending in a lowercase x, when normalised and validated, then it is accepted', () => {
      const normalised = normaliseResidentId('11010519491231002x');
      expect(normalised).toBe('11010519491231002X');
      expect(residentIdProblem(normalised)).toBeUndefined();
    });

    it('given an ID that does not end in x, when normalised, then it is unchanged', () => {
      expect(normaliseResidentId('11010519491231002X')).toBe('11010519491231002X');
      expect(normaliseResidentId('362322198709086409')).toBe('362322198709086409');
      expect(normaliseResidentId(' 11010519491231002X ')).toBe(' 11010519491231002X ');
    });

    it('given an ID whose check character should be X but is 0, when validated, then it is refused naming the check digit', () => {
      expect(residentIdProblem('110105194912310020')).toMatch(/^check digit \(position 18\)/);
    });
  });

  describe('birth date (positions 7-14)', () => {
    it.each([
      ['20000229', '29 February in a year divisible by 400'],
      ['20240229', '29 February in a leap year'],
      ['19000101', 'the first day accepted'],
      ['19991231', 'the last day of a month with 31 days'],
      ['20230430', 'the last day of April'],
    ])('given birth date %s (%s), when validated, then it is accepted', (birth) => {
      expect(residentIdProblem(makeResidentId('140202', birth, 5))).toBeUndefined();
    });

    it.each([
      ['19000229', '1900 is not a leap year (divisible by 100, not by 400)'],
      ['20230229', '2023 is not a leap year'],
      ['20230230', 'there is no 30 February'],
      ['19990230', 'there is no 30 February'],
      ['20230431', 'April has 30 days'],
      ['20231301', 'there is no month 13'],
      ['20230001', 'there is no month 0'],
      ['20230100', 'there is no day 0'],
      ['20230132', 'January has 31 days'],
    ])(
      'given birth date %s (%s), when validated, then it is refused naming the birth date',
      (birth) => {
        // The check digit is right, so only the date can be at fault.
        expect(residentIdProblem(makeResidentId('140202', birth, 5))).toBe(
          'birth date (positions 7-14) is not a real date',
        );
      },
    );

    it('given the GB 11643-1999 example born in 1880, when validated, then it is refused as before 1900', () => {
      // 440524188001010014 is correct under the standard; the ledger only
      // accepts birth years from 1900, like business dates.
      expect(residentIdCheckCharacter('44052418800101001')).toBe('4');
      expect(residentIdProblem('440524188001010014')).toBe(
        'birth date (positions 7-14) must be in 1900 or later',
      );
    });

    it('given a birth date far in the future, when validated, then it is accepted (the domain has no clock)', () => {
      expect(residentIdProblem(makeResidentId('140202', '20991231', 1))).toBeUndefined();
    });
  });

  describe('check digit (ISO 7064 MOD 11-2)', () => {
    it('given an ID whose check digit is wrong, when validated, then it is refused naming the check digit', () => {
      const problem = residentIdProblem('362322198709086408');
      expect(problem).toBe(
        'check digit (position 18) is wrong: it does not match the first 17 digits',
      );
    });

    it('given an ID whose check digit is wrong, when validated, then the reason repeats no part of the number', () => {
      const problem = residentIdProblem('362322198709086408') ?? '';
      expect(problem).not.toMatch(/3623|1987|0908|6408/);
    });

    it('given any single digit of a valid ID changed, when validated, then it is refused', () => {
      const valid = '362322198709086409';
      for (let i = 0; i < 17; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === valid[i]) continue;
          const mutated = `${valid.slice(0, i)}${d}${valid.slice(i + 1)}`;
          expect([mutated, isValidResidentId(mutated)]).toEqual([mutated, false]);
        }
      }
    });

    it('given the first 17 digits of known IDs, when the check character is computed, then it matches', () => {
      expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
      expect(residentIdCheckCharacter('36232219870908640')).toBe('9');
    });

    it('given sequences 0..999, when IDs are made, then every one of the 11 check characters occurs and all are valid', () => {
      const seen = new Set<string>();
      for (let sequence = 0; sequence <= 999; sequence++) {
        const id = makeResidentId('140202', '19900101', sequence);
        expect([id, residentIdProblem(id)]).toEqual([id, undefined]);
        seen.add(id[17]);
      }
      expect([...seen].sort().join('')).toBe('0123456789X');
    });

    it('given input that is not 17 digits, when the check character is asked for, then it throws', () => {
      expect(() => residentIdCheckCharacter('1101051949123100')).toThrow(RangeError);
      expect(() => residentIdCheckCharacter('1101051949123100X')).toThrow(RangeError);
    });
  });

  describe('masking', () => {
    it('given a valid ID, when masked, then the first 6 and last 4 characters show with 8 stars between', () => {
      const id = makeResidentId('140202', '19850715', 123);
      expect(id).toBe('14020219850715123X');
      expect(maskResidentId(id)).toBe('140202********123X');
      expect(maskResidentId('362322198709086409')).toBe('362322********6409');
    });

    it('given a masked ID, when inspected, then it is 18 characters and shows no birth date', () => {
      const masked = maskResidentId('11010519491231002X');
      expect(masked).toBe('110105********002X');
      expect(masked).toHaveLength(18);
      expect(masked).not.toContain('1949');
    });

    it('given a value that is not 18 characters, when masked, then it throws without repeating the value', () => {
      expect(() => maskResidentId('11010519491231002')).toThrow(
        'maskResidentId takes an 18-character resident ID',
      );
    });
  });

  describe('makeResidentId fixture', () => {
    it('given a region, birth date and sequence, when an ID is made, then they appear in place, sequence zero-padded', () => {
      const id = makeResidentId('140202', '19850715', 7);
      expect(id.slice(0, 17)).toBe('14020219850715007');
      expect(id[17]).toBe(residentIdCheckCharacter('14020219850715007'));
    });

    it('given bad arguments, when an ID is made, then it throws', () => {
      expect(() => makeResidentId('14020', '19850715', 1)).toThrow(RangeError);
      expect(() => makeResidentId('140202', '1985-07-15', 1)).toThrow(RangeError);
      expect(() => makeResidentId('140202', '19850715', 1000)).toThrow(RangeError);
      expect(() => makeResidentId('140202', '19850715', -1)).toThrow(RangeError);
      expect(() => makeResidentId('140202', '19850715', 1.5)).toThrow(RangeError);
    });
  });
});
