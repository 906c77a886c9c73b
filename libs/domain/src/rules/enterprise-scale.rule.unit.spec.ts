import { DATONG_2022 } from '../policy/datong-2022.policy';
import { enterpriseScaleRule } from './enterprise-scale.rule';

describe('R-SEAT-1 enterprise scale', () => {
  it('given an enterprise with 200 seats, when it applies, then it may', () => {
    expect(enterpriseScaleRule(200, DATONG_2022)).toBeUndefined();
  });

  it('given an enterprise with 199 seats, when it applies, then it is refused naming R-SEAT-1', () => {
    expect(enterpriseScaleRule(199, DATONG_2022)).toEqual({
      rule: 'R-SEAT-1',
      reason: 'the enterprise has 199 seats; at least 200 are needed',
    });
  });

  it('given an enterprise with no seats, when it applies, then it is refused naming R-SEAT-1', () => {
    expect(enterpriseScaleRule(0, DATONG_2022)?.rule).toBe('R-SEAT-1');
  });

  it('given an enterprise well above the minimum, when it applies, then it may', () => {
    expect(enterpriseScaleRule(1_500, DATONG_2022)).toBeUndefined();
  });

  it('given a policy version with another minimum, when 199 seats apply, then that minimum decides (R-POL)', () => {
    const lower = { ...DATONG_2022, seat: { ...DATONG_2022.seat, minSeats: 150 } };
    expect(enterpriseScaleRule(199, lower)).toBeUndefined();
    expect(enterpriseScaleRule(149, lower)?.rule).toBe('R-SEAT-1');
  });
});
