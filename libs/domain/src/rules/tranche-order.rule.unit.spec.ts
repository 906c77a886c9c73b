import { DATONG_2022 } from '../policy/datong-2022.policy';
import { trancheOrderRule } from './tranche-order.rule';

describe('R-SEAT-3 tranche order', () => {
  it('given no tranche approved, when tranche 1 is approved, then it is allowed', () => {
    expect(trancheOrderRule(1, [], DATONG_2022)).toBeUndefined();
  });

  it('given no tranche approved, when tranche 2 is approved, then it is refused naming R-SEAT-3 and the next tranche', () => {
    expect(trancheOrderRule(2, [], DATONG_2022)).toEqual({
      rule: 'R-SEAT-3',
      reason: 'tranches are approved in order: the next one is tranche 1',
    });
  });

  it('given tranche 1 approved, when tranche 2 is approved, then it is allowed', () => {
    expect(trancheOrderRule(2, [1], DATONG_2022)).toBeUndefined();
  });

  it('given tranche 1 approved, when tranche 1 is approved again, then it is refused naming R-SEAT-3', () => {
    expect(trancheOrderRule(1, [1], DATONG_2022)).toEqual({
      rule: 'R-SEAT-3',
      reason: 'tranche 1 is already approved',
    });
  });

  it('given tranche 1 approved, when tranche 3 is approved, then it is refused naming R-SEAT-3', () => {
    expect(trancheOrderRule(3, [1], DATONG_2022)?.reason).toBe(
      'tranches are approved in order: the next one is tranche 2',
    );
  });

  it('given tranches 1 to 3 approved, when tranche 4 is approved, then it is allowed', () => {
    expect(trancheOrderRule(4, [1, 2, 3], DATONG_2022)).toBeUndefined();
  });

  it('given all four tranches approved, when tranche 5 is approved, then it is out of range (R-SEAT-3)', () => {
    expect(trancheOrderRule(5, [1, 2, 3, 4], DATONG_2022)).toEqual({
      rule: 'R-SEAT-3',
      reason: 'a seat has tranches 1 to 4',
    });
  });

  it.each([0, -1, 1.5, Number.NaN])(
    'given no tranche approved, when tranche %p is approved, then it is out of range (R-SEAT-3)',
    (tranche) => {
      expect(trancheOrderRule(tranche, [], DATONG_2022)?.reason).toBe('a seat has tranches 1 to 4');
    },
  );
});
