import { caseOutcomeRule } from './case-outcome.rule';

describe('R-FRAUD a case with findings closes upheld', () => {
  it('given a case with no finding, when it closes dismissed, then the rule allows it', () => {
    expect(caseOutcomeRule('dismissed', 0)).toBeUndefined();
  });

  it('given a case with findings, when it closes upheld, then the rule allows it', () => {
    expect(caseOutcomeRule('upheld', 2)).toBeUndefined();
  });

  it('given a case with no finding, when it closes upheld, then the rule allows it (an upheld tip with nothing to claw back)', () => {
    expect(caseOutcomeRule('upheld', 0)).toBeUndefined();
  });

  it('given a case with a finding, when it closes dismissed, then it is refused naming R-FRAUD', () => {
    expect(caseOutcomeRule('dismissed', 1)).toEqual({
      rule: 'R-FRAUD',
      reason: 'the case recorded 1 finding(s) of false claims; it closes upheld, not dismissed',
    });
  });
});
