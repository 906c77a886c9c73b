import { DATONG_2022 } from '../policy/datong-2022.policy';
import { internshipRewardFen, oncePerPersonRule } from './internship-reward.rule';

describe('R-INT reward by level, once per person per school', () => {
  it('given a secondary-vocational graduate, when rewarded, then 800 yuan; higher vocational, 1,000 yuan', () => {
    expect(internshipRewardFen('secondary', DATONG_2022)).toBe(80_000);
    expect(internshipRewardFen('higher', DATONG_2022)).toBe(100_000);
  });

  it('given a person the school was never rewarded for, when a tranche reserves them, then it passes', () => {
    expect(oncePerPersonRule(new Map(), 'pk-1', 'ia-2.i1')).toBeUndefined();
  });

  it('given a person rewarded by an earlier tranche, when another tranche of the school reserves them, then it is refused naming R-INT', () => {
    const rewarded = new Map([['pk-1', { trancheId: 'ia-1.i1', internId: 'ia-1.p3' }]]);
    expect(oncePerPersonRule(rewarded, 'pk-1', 'ia-2.i1')).toEqual({
      rule: 'R-INT',
      reason: 'the school was already rewarded for this person (ia-1.p3, tranche ia-1.i1)',
    });
  });

  it('given a person reserved by this very tranche, when the step is retried, then it passes', () => {
    const rewarded = new Map([['pk-1', { trancheId: 'ia-1.i1', internId: 'ia-1.p3' }]]);
    expect(oncePerPersonRule(rewarded, 'pk-1', 'ia-1.i1')).toBeUndefined();
  });
});
