import { DATONG_2022 } from '../policy/datong-2022.policy';
import { monthsRequiredForTranche, trancheMonthsRule } from './tranche-months.rule';

describe('R-SEAT-2 / R-SEAT-3 months each tranche needs', () => {
  describe.each([
    [2, [2, 8, 14, 20]],
    [6, [6, 12, 18, 24]],
  ])('given a first tranche that needed m1 = %i months', (m1, needed) => {
    it.each([1, 2, 3, 4])(`when tranche %i is asked for, then it needs m1 + 6(k−1) months`, (k) => {
      expect(monthsRequiredForTranche(k, m1, DATONG_2022)).toBe(needed[k - 1]);
      expect(needed[k - 1]).toBe(m1 + 6 * (k - 1));
    });

    it.each([1, 2, 3, 4])(
      'when tranche %i has exactly the months it needs, then it qualifies',
      (k) => {
        expect(trancheMonthsRule(k, needed[k - 1], m1, DATONG_2022)).toBeUndefined();
      },
    );

    it.each([1, 2, 3, 4])(
      'when tranche %i has one month fewer than it needs, then it is refused (R-SEAT-2 for the first, R-SEAT-3 after)',
      (k) => {
        const refusal = trancheMonthsRule(k, needed[k - 1] - 1, m1, DATONG_2022);
        expect(refusal).toEqual({
          rule: k === 1 ? 'R-SEAT-2' : 'R-SEAT-3',
          reason: `tranche ${k} needs ${needed[k - 1]} months of wages and insurance; the claim shows ${needed[k - 1] - 1}`,
        });
      },
    );
  });

  it('given a trial-year first application (m1 = 2), when tranche 1 has 1 month, then it is refused naming R-SEAT-2', () => {
    expect(trancheMonthsRule(1, 1, 2, DATONG_2022)?.rule).toBe('R-SEAT-2');
  });

  it('given a trial-year first application (m1 = 2), when tranche 1 has 2 months, then it qualifies', () => {
    expect(trancheMonthsRule(1, 2, 2, DATONG_2022)).toBeUndefined();
  });

  it('given any other application (m1 = 6), when tranche 1 has 5 months, then it is refused naming R-SEAT-2', () => {
    expect(trancheMonthsRule(1, 5, 6, DATONG_2022)?.rule).toBe('R-SEAT-2');
  });

  it('given any other application (m1 = 6), when tranche 1 has 6 months, then it qualifies', () => {
    expect(trancheMonthsRule(1, 6, 6, DATONG_2022)).toBeUndefined();
  });

  it('given more months than needed, when a tranche is asked for, then it qualifies', () => {
    expect(trancheMonthsRule(2, 30, 6, DATONG_2022)).toBeUndefined();
  });
});
