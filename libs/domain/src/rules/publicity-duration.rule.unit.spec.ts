import { DATONG_2022 } from '../policy/datong-2022.policy';
import { publicityDays, publicityDurationRule } from './publicity-duration.rule';

describe('R-PUB publicity duration', () => {
  it('given a notice from 2023-03-01 to 2023-03-07, when its days are counted, then both ends count and it is 7 days', () => {
    expect(publicityDays('2023-03-01', '2023-03-07')).toBe(7);
  });

  it('given a notice of one day, when its days are counted, then it is 1 day', () => {
    expect(publicityDays('2023-03-01', '2023-03-01')).toBe(1);
  });

  it('given a notice from 2023-03-01 to 2023-03-07, when checked, then 7 days are enough', () => {
    expect(publicityDurationRule('2023-03-01', '2023-03-07', DATONG_2022)).toBeUndefined();
  });

  it('given a notice from 2023-03-01 to 2023-03-06, when checked, then 6 days are refused naming R-PUB', () => {
    expect(publicityDurationRule('2023-03-01', '2023-03-06', DATONG_2022)).toEqual({
      rule: 'R-PUB',
      reason: 'the notice runs 6 days (2023-03-01 to 2023-03-06); at least 7 are needed',
    });
  });

  it('given a notice across the end of February in a leap year (2024-02-26 to 2024-03-03), when checked, then it is 7 days', () => {
    expect(publicityDays('2024-02-26', '2024-03-03')).toBe(7);
    expect(publicityDurationRule('2024-02-26', '2024-03-03', DATONG_2022)).toBeUndefined();
  });

  it('given a notice across the end of February in a common year (2023-02-23 to 2023-03-01), when checked, then it is 7 days', () => {
    expect(publicityDays('2023-02-23', '2023-03-01')).toBe(7);
  });

  it('given a notice of longer than 7 days, when checked, then it is enough', () => {
    expect(publicityDurationRule('2023-03-01', '2023-03-31', DATONG_2022)).toBeUndefined();
  });
});
