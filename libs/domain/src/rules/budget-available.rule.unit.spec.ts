import { budgetAdjustmentRule, budgetAvailableRule } from './budget-available.rule';

const what = { programme: 'seat', fiscalYear: 2026 };

describe('R-BUDGET budgetAvailableRule', () => {
  it('given 1,000 fen available, when 1,000 fen are asked, then it commits', () => {
    expect(
      budgetAvailableRule(
        { exists: true, appropriatedFen: 5_000, committedFen: 4_000 },
        1_000,
        what,
      ),
    ).toBeUndefined();
  });

  it('given 1,000 fen available, when 1,001 fen are asked, then R-BUDGET refuses it', () => {
    expect(
      budgetAvailableRule(
        { exists: true, appropriatedFen: 5_000, committedFen: 4_000 },
        1_001,
        what,
      ),
    ).toEqual({ rule: 'R-BUDGET', reason: expect.stringContaining('1000 fen available') });
  });

  it('given no budget recorded, when anything is asked, then R-BUDGET refuses it', () => {
    expect(
      budgetAvailableRule({ exists: false, appropriatedFen: 0, committedFen: 0 }, 1, what)?.rule,
    ).toBe('R-BUDGET');
  });
});

describe('R-BUDGET budgetAdjustmentRule', () => {
  it('given 4,000 fen committed of 5,000, when cut by 1,000, then it is allowed', () => {
    expect(
      budgetAdjustmentRule({ appropriatedFen: 5_000, committedFen: 4_000 }, -1_000),
    ).toBeUndefined();
  });

  it('given 4,000 fen committed of 5,000, when cut by 1,001, then R-BUDGET refuses it', () => {
    expect(
      budgetAdjustmentRule({ appropriatedFen: 5_000, committedFen: 4_000 }, -1_001)?.rule,
    ).toBe('R-BUDGET');
  });
});
