import { DATONG_2022 } from '../policy/datong-2022.policy';
import {
  purchaseRule,
  purchaseSubsidy,
  purchaseTrancheRule,
  purchaseYearFen,
} from './site-purchase.rule';

const dm2 = (m2: number) => Math.round(m2 * 100);
const BPS = DATONG_2022.site.purchaseYearBasisPoints;

describe('R-SITE-BUY 500 yuan/m², at most 5,000 m²', () => {
  it('given 4,999 m², when computed, then all of it counts: 2,499,500 yuan', () => {
    expect(purchaseSubsidy(dm2(4_999), DATONG_2022)).toMatchObject({
      areaDm2Counted: 499_900,
      totalFen: 249_950_000,
    });
  });

  it('given 5,000 m², when computed, then 2,500,000 yuan', () => {
    expect(purchaseSubsidy(dm2(5_000), DATONG_2022)).toMatchObject({
      areaDm2Counted: 500_000,
      totalFen: 250_000_000,
    });
  });

  it('given 5,001 m², when computed, then only 5,000 m² count: 2,500,000 yuan', () => {
    expect(purchaseSubsidy(dm2(5_001), DATONG_2022)).toMatchObject({
      areaDm2Counted: 500_000,
      totalFen: 250_000_000,
    });
  });

  it('given 1,234.56 m², when computed, then 617,280 yuan (0.01 m² precision)', () => {
    expect(purchaseSubsidy(dm2(1_234.56), DATONG_2022).totalFen).toBe(61_728_000);
  });

  it('given 5,000 m², when the five years are split, then 30/25/15/15/15 % add up to the total', () => {
    const { yearFen, totalFen } = purchaseSubsidy(dm2(5_000), DATONG_2022);
    expect(yearFen).toEqual([75_000_000, 62_500_000, 37_500_000, 37_500_000, 37_500_000]);
    expect(yearFen.reduce((a, b) => a + b, 0)).toBe(totalFen);
  });
});

describe('R-SITE-BUY rounding of every purchase tranche', () => {
  it('given a total of 1,000,001 fen, when split, then years 1-4 are rounded down and year 5 takes the remainder', () => {
    // 300,000.3 → 300,000; 250,000.25 → 250,000; 150,000.15 → 150,000 (×2); the rest 150,001.
    expect(purchaseYearFen(1_000_001, BPS)).toEqual([300_000, 250_000, 150_000, 150_000, 150_001]);
  });

  it('given a total of 999,999 fen, when split, then each year rounds down and the five add up exactly', () => {
    // 299,999.7 → 299,999; 249,999.75 → 249,999; 149,999.85 → 149,999 (×2); the rest 150,003.
    const years = purchaseYearFen(999_999, BPS);
    expect(years).toEqual([299_999, 249_999, 149_999, 149_999, 150_003]);
    expect(years.reduce((a, b) => a + b, 0)).toBe(999_999);
  });

  it('given special terms of 333.33 yuan/m², when 1 m² is bought, then the 33,333 fen total splits exactly', () => {
    const policy = { ...DATONG_2022, site: { ...DATONG_2022.site, purchaseFenPerM2: 33_333 } };
    const { totalFen, yearFen } = purchaseSubsidy(dm2(1), policy);
    expect(totalFen).toBe(33_333);
    expect(yearFen).toEqual([9_999, 8_333, 4_999, 4_999, 5_003]);
  });

  it('given special terms of 333.33 yuan/m², when 0.01 m² is counted, then the total rounds down to the fen', () => {
    const policy = { ...DATONG_2022, site: { ...DATONG_2022.site, purchaseFenPerM2: 33_333 } };
    expect(purchaseSubsidy(1, policy).totalFen).toBe(333); // 333.33 fen
  });
});

describe('R-SITE-BUY bought first, paid over five years', () => {
  it('given an office bought after the application date, when applied for, then it is refused naming R-SITE-BUY', () => {
    expect(purchaseRule(100, '2023-06-02', '2023-06-01')?.rule).toBe('R-SITE-BUY');
    expect(purchaseRule(100, '2023-06-01', '2023-06-01')).toBeUndefined();
  });

  it('given a purchase on 2023-06-01, when year 2 is decided on 2024-05-31, then it is refused; on 2024-06-01 it passes', () => {
    expect(purchaseTrancheRule(2, '2024-05-31', '2023-06-01', [1], 5)?.rule).toBe('R-SITE-BUY');
    expect(purchaseTrancheRule(2, '2024-06-01', '2023-06-01', [1], 5)).toBeUndefined();
  });

  it('given year 1 approved, when year 3 is asked, then it is refused: years in order', () => {
    expect(purchaseTrancheRule(3, '2026-06-01', '2023-06-01', [1], 5)?.reason).toBe(
      'purchase years are approved in order: the next one is year 2',
    );
  });

  it('given five years, when year 6 is asked, then it is refused', () => {
    expect(purchaseTrancheRule(6, '2029-06-01', '2023-06-01', [1, 2, 3, 4, 5], 5)?.rule).toBe(
      'R-SITE-BUY',
    );
  });
});
