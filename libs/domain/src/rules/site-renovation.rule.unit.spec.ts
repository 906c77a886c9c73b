import { DATONG_2022 } from '../policy/datong-2022.policy';
import { renovationRule, renovationSubsidyFen } from './site-renovation.rule';

describe('R-SITE-RENO 30 % of the audited investment, at most 5,000,000 yuan', () => {
  it('given 1,000,000 yuan invested, when the subsidy is computed, then it is 300,000 yuan', () => {
    expect(renovationSubsidyFen(100_000_000, DATONG_2022)).toBe(30_000_000);
  });

  it('given an investment whose 30 % has a fraction of a fen, when computed, then it is rounded down', () => {
    expect(renovationSubsidyFen(333, DATONG_2022)).toBe(99); // 99.9 fen
  });

  it('given 16,666,666.66 yuan invested (just under the cap), when computed, then it is 4,999,999.99 yuan', () => {
    expect(renovationSubsidyFen(1_666_666_666, DATONG_2022)).toBe(499_999_999);
  });

  it('given 16,666,666.67 yuan invested (the cap reached), when computed, then it is exactly 5,000,000 yuan', () => {
    expect(renovationSubsidyFen(1_666_666_667, DATONG_2022)).toBe(500_000_000);
  });

  it('given 20,000,000 yuan invested (over the cap), when computed, then it is capped at 5,000,000 yuan', () => {
    expect(renovationSubsidyFen(2_000_000_000, DATONG_2022)).toBe(500_000_000);
  });

  it('given special terms raising the cap to 8,000,000 yuan, when 20,000,000 yuan are invested, then 6,000,000 yuan are paid', () => {
    const policy = { ...DATONG_2022, site: { ...DATONG_2022.site, renovationCapFen: 800_000_000 } };
    expect(renovationSubsidyFen(2_000_000_000, policy)).toBe(600_000_000);
  });

  it('given work completed before the application, when applied for, then it passes; completed after, it is refused naming R-SITE-RENO', () => {
    expect(renovationRule(100, '2023-05-31', '2023-06-01')).toBeUndefined();
    expect(renovationRule(100, '2023-06-01', '2023-06-01')).toBeUndefined();
    expect(renovationRule(100, '2023-06-02', '2023-06-01')?.rule).toBe('R-SITE-RENO');
  });

  it('given no investment, when applied for, then it is refused naming R-SITE-RENO', () => {
    expect(renovationRule(0, '2023-05-31', '2023-06-01')?.rule).toBe('R-SITE-RENO');
  });
});
