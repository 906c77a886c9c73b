import { evidenceMonthsRule, qualifyingMonths } from './qualifying-months.rule';

describe('R-SEAT-2 qualifying months', () => {
  describe('qualifyingMonths', () => {
    it('given wages and insurance for the same months, when filed after them, then every month counts', () => {
      expect(
        qualifyingMonths(['2023-01', '2023-02'], ['2023-01', '2023-02'], '2023-03-10'),
      ).toEqual(['2023-01', '2023-02']);
    });

    it('given a wage month without insurance, when filed, then that month does not count', () => {
      expect(qualifyingMonths(['2023-01', '2023-02'], ['2023-02'], '2023-03-10')).toEqual([
        '2023-02',
      ]);
    });

    it('given an insurance month without wages, when filed, then that month does not count', () => {
      expect(qualifyingMonths(['2023-02'], ['2023-01', '2023-02'], '2023-03-10')).toEqual([
        '2023-02',
      ]);
    });

    it('given wages and insurance for the filing month itself, when filed, then the filing month counts', () => {
      expect(qualifyingMonths(['2023-03'], ['2023-03'], '2023-03-01')).toEqual(['2023-03']);
    });

    it('given wages and insurance for the month after the filing month, when filed, then that month does not count', () => {
      expect(
        qualifyingMonths(['2023-03', '2023-04'], ['2023-03', '2023-04'], '2023-03-31'),
      ).toEqual(['2023-03']);
    });

    it('given months before the policy came into force, when filed, then they count too', () => {
      expect(
        qualifyingMonths(['2022-06', '2022-07'], ['2022-06', '2022-07'], '2023-01-05'),
      ).toEqual(['2022-06', '2022-07']);
    });

    it('given unsorted evidence with repeats, when filed, then the months are sorted and unique', () => {
      expect(
        qualifyingMonths(
          ['2023-02', '2022-12', '2023-02', '2023-01'],
          ['2023-01', '2022-12', '2023-02', '2023-01'],
          '2023-03-10',
        ),
      ).toEqual(['2022-12', '2023-01', '2023-02']);
    });

    it('given a December wage month, when filed in the next January, then the year boundary is handled', () => {
      expect(
        qualifyingMonths(['2022-12', '2023-01'], ['2022-12', '2023-01'], '2023-01-01'),
      ).toEqual(['2022-12', '2023-01']);
    });

    it('given no evidence, when filed, then no month counts', () => {
      expect(qualifyingMonths([], [], '2023-03-10')).toEqual([]);
    });
  });

  describe('evidenceMonthsRule', () => {
    it('given months up to the filing month, when filed, then the evidence is accepted', () => {
      expect(evidenceMonthsRule(['2023-02', '2023-03'], ['2023-03'], '2023-03-01')).toBeUndefined();
    });

    it('given a wage month after the filing month, when filed, then it is refused naming R-SEAT-2 and the month', () => {
      expect(evidenceMonthsRule(['2023-03', '2023-04'], ['2023-03'], '2023-03-31')).toEqual({
        rule: 'R-SEAT-2',
        reason: 'month 2023-04 is after the month the evidence was filed (2023-03)',
      });
    });

    it('given an insurance month after the filing month, when filed, then it is refused naming R-SEAT-2', () => {
      expect(evidenceMonthsRule(['2023-03'], ['2023-05'], '2023-03-31')?.rule).toBe('R-SEAT-2');
    });

    it('given several late months, when filed, then the earliest late month is named', () => {
      expect(
        evidenceMonthsRule(['2023-06', '2023-04'], ['2023-05'], '2023-03-15')?.reason,
      ).toContain('month 2023-04 ');
    });
  });
});
