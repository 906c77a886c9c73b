import {
  addDays,
  addMonths,
  compareDates,
  dayNumber,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isBusinessDate,
  isLeapYear,
  isMonth,
  isWithin,
  monthOf,
} from './business-date';

/** The reference the helpers must agree with; Date is allowed in tests only. */
function viaDate(z: number): string {
  return new Date(z * 86_400_000).toISOString().slice(0, 10);
}

describe('business dates', () => {
  describe('isBusinessDate', () => {
    it.each([
      ['2024-02-29', 'a leap day'],
      ['2000-02-29', 'a leap day in a year divisible by 400'],
      ['1900-01-01', 'the earliest date accepted'],
      ['2023-12-31', 'the last day of a year'],
      ['2023-04-30', 'the last day of April'],
    ])('given %s (%s), when checked, then it is a business date', (value) => {
      expect(isBusinessDate(value)).toBe(true);
    });

    it.each([
      ['2023-02-30', 'there is no 30 February'],
      ['2023-02-29', '2023 is not a leap year'],
      ['1900-02-29', '1900 is not a leap year'],
      ['2023-04-31', 'April has 30 days'],
      ['2023-13-01', 'there is no month 13'],
      ['2023-00-10', 'there is no month 0'],
      ['2023-01-00', 'there is no day 0'],
      ['2023-2-1', 'month and day are not zero-padded'],
      ['20230201', 'there are no hyphens'],
      ['2023-02-01T00:00:00Z', 'it carries a time'],
      [' 2023-02-01', 'it has a leading space'],
      ['2023-02-01\n', 'it has a trailing newline'],
      ['1899-12-31', 'it is before 1900'],
      ['', 'it is empty'],
    ])('given %j (%s), when checked, then it is not a business date', (value) => {
      expect(isBusinessDate(value)).toBe(false);
    });

    it('given values that are not strings, when checked, then they are not business dates', () => {
      for (const value of [undefined, null, 20230201, new Date(0), ['2023-02-01']]) {
        expect(isBusinessDate(value)).toBe(false);
      }
    });
  });

  describe('isMonth and monthOf', () => {
    it('given well-formed months, when checked, then they are months', () => {
      expect(isMonth('2023-01')).toBe(true);
      expect(isMonth('2023-12')).toBe(true);
      expect(isMonth('1900-01')).toBe(true);
    });

    it('given malformed months, when checked, then they are not months', () => {
      for (const value of [
        '2023-13',
        '2023-00',
        '2023-1',
        '2023-01-01',
        '1899-12',
        '202301',
        202301,
      ]) {
        expect([value, isMonth(value)]).toEqual([value, false]);
      }
    });

    it('given a business date, when its month is taken, then it is YYYY-MM', () => {
      expect(monthOf('2024-02-29')).toBe('2024-02');
    });
  });

  describe('leap years and month lengths', () => {
    it('given years, when checked for leap years, then the Gregorian rule applies', () => {
      expect(isLeapYear(2024)).toBe(true);
      expect(isLeapYear(2023)).toBe(false);
      expect(isLeapYear(1900)).toBe(false);
      expect(isLeapYear(2000)).toBe(true);
    });

    it('given every month of 2023 and 2024, when its length is asked for, then it agrees with Date', () => {
      for (const year of [2023, 2024]) {
        for (let month = 1; month <= 12; month++) {
          const reference = new Date(Date.UTC(year, month, 0)).getUTCDate();
          expect([year, month, daysInMonth(year, month)]).toEqual([year, month, reference]);
        }
      }
    });
  });

  describe('dayNumber and fromDayNumber', () => {
    it('given the epoch and known dates, when converted, then the day numbers are right', () => {
      expect(dayNumber('1970-01-01')).toBe(0);
      expect(dayNumber('1970-01-02')).toBe(1);
      expect(dayNumber('1969-12-31')).toBe(-1);
      expect(dayNumber('2000-03-01')).toBe(11_017);
      expect(fromDayNumber(0)).toBe('1970-01-01');
    });

    it('given every day from 1900-01-01 to 2100-12-31, when converted both ways, then it round-trips and agrees with Date', () => {
      const first = Date.UTC(1900, 0, 1) / 86_400_000;
      const last = Date.UTC(2100, 11, 31) / 86_400_000;
      let previous = '';
      for (let z = first; z <= last; z++) {
        const date = fromDayNumber(z);
        if (
          date !== viaDate(z) ||
          dayNumber(date) !== z ||
          !isBusinessDate(date) ||
          date <= previous
        ) {
          // One precise failure instead of 73,000 expectations.
          expect({ z, date, reference: viaDate(z), back: dayNumber(date) }).toEqual({
            z,
            date: viaDate(z),
            reference: viaDate(z),
            back: z,
          });
        }
        previous = date;
      }
      expect(fromDayNumber(first)).toBe('1900-01-01');
      expect(fromDayNumber(last)).toBe('2100-12-31');
    });

    it('given a string that is not a business date, when its day number is asked for, then it throws', () => {
      expect(() => dayNumber('2023-2-1')).toThrow(RangeError);
    });
  });

  describe('addDays and daysBetween', () => {
    it('given dates across month, year and leap-day boundaries, when days are added, then the result is right', () => {
      expect(addDays('2023-01-31', 1)).toBe('2023-02-01');
      expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
      expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
      expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
      expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
      expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
      expect(addDays('2023-06-15', 0)).toBe('2023-06-15');
      expect(addDays('2023-01-01', 365)).toBe('2024-01-01');
      expect(addDays('2024-01-01', 365)).toBe('2024-12-31');
    });

    it('given two dates, when the days between are counted, then it is signed and consistent with addDays', () => {
      expect(daysBetween('2023-01-01', '2024-01-01')).toBe(365);
      expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
      expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
      expect(daysBetween('2023-05-05', '2023-05-05')).toBe(0);
      for (const n of [-400, -1, 0, 1, 29, 180, 1000]) {
        expect(daysBetween('2023-06-15', addDays('2023-06-15', n))).toBe(n);
      }
    });
  });

  describe('addMonths', () => {
    it.each([
      ['2024-02-29', 24, '2026-02-28', 'a leap day clamps to 28 February two years later'],
      ['2024-02-29', 48, '2028-02-29', 'a leap day stays a leap day four years later'],
      ['2023-01-31', 1, '2023-02-28', '31 January clamps to the end of February'],
      ['2024-01-31', 1, '2024-02-29', '31 January clamps to a leap day'],
      ['2023-03-31', 1, '2023-04-30', '31 March clamps to 30 April'],
      ['2023-01-15', 24, '2025-01-15', 'a mid-month day is kept'],
      ['2023-11-30', 3, '2024-02-29', 'the year rolls over'],
      ['2023-12-15', 1, '2024-01-15', 'December rolls into January'],
      ['2023-03-31', -1, '2023-02-28', 'going back a month also clamps'],
      ['2024-01-15', -13, '2022-12-15', 'going back over a year boundary'],
      ['2023-06-15', 0, '2023-06-15', 'zero months is the same day'],
    ])('given %s plus %i months, when added, then it is %s (%s)', (date, months, expected) => {
      expect(addMonths(date, months)).toBe(expected);
    });
  });

  describe('compareDates and isWithin', () => {
    it('given two dates, when compared, then the order is by calendar', () => {
      expect(compareDates('2023-01-31', '2023-02-01')).toBe(-1);
      expect(compareDates('2023-02-01', '2023-01-31')).toBe(1);
      expect(compareDates('2023-02-01', '2023-02-01')).toBe(0);
      expect(['2024-01-01', '2023-12-31', '2023-02-01'].sort(compareDates)).toEqual([
        '2023-02-01',
        '2023-12-31',
        '2024-01-01',
      ]);
    });

    it('given a range, when a date is tested, then both ends are inclusive', () => {
      expect(isWithin('2023-01-01', '2023-01-01', '2023-12-31')).toBe(true);
      expect(isWithin('2023-12-31', '2023-01-01', '2023-12-31')).toBe(true);
      expect(isWithin('2022-12-31', '2023-01-01', '2023-12-31')).toBe(false);
      expect(isWithin('2024-01-01', '2023-01-01', '2023-12-31')).toBe(false);
    });
  });
});
