import { DATONG_2022 } from '../policy/datong-2022.policy';
import {
  leaseDurationRule,
  leaseSeatsCountedOn,
  leaseTrancheFen,
  leaseTrancheRule,
  leaseYearFenPerSeat,
  leaseYearOf,
} from './site-lease.rule';

const lease = { startsOn: '2023-01-01', endsOn: '2027-12-31' };

describe('R-SITE-LEASE lease of 5 years or more', () => {
  it('given a lease from 2023-01-01 to 2027-12-30 (4 years 364 days), when applied for, then it is refused naming R-SITE-LEASE', () => {
    expect(leaseDurationRule('2023-01-01', '2027-12-30', DATONG_2022)).toEqual({
      rule: 'R-SITE-LEASE',
      reason:
        'the lease runs 2023-01-01 to 2027-12-30, less than 5 years (it would have to end on 2027-12-31 or later)',
    });
  });

  it('given a lease from 2023-01-01 to 2027-12-31 (exactly 5 years, last day inclusive), when applied for, then it passes', () => {
    expect(leaseDurationRule('2023-01-01', '2027-12-31', DATONG_2022)).toBeUndefined();
  });

  it('given a lease of 10 years, when applied for, then it passes', () => {
    expect(leaseDurationRule('2023-01-01', '2032-12-31', DATONG_2022)).toBeUndefined();
  });

  it('given a lease starting on 2024-02-29, when it ends on 2029-02-26, then it is refused; to 2029-02-27 it is 5 years (the anniversary clamps to 28 February)', () => {
    expect(leaseDurationRule('2024-02-29', '2029-02-26', DATONG_2022)?.rule).toBe('R-SITE-LEASE');
    expect(leaseDurationRule('2024-02-29', '2029-02-27', DATONG_2022)).toBeUndefined();
  });

  it('given special terms accepting 3-year leases, when a lease of 3 years is applied for, then it passes', () => {
    const policy = { ...DATONG_2022, site: { ...DATONG_2022.site, leaseMinYears: 3 } };
    expect(leaseDurationRule('2023-01-01', '2025-12-31', policy)).toBeUndefined();
  });
});

describe('R-SITE-LEASE yearly tranches on the effective seats recognised for each lease year', () => {
  it('given a lease from 2023-01-01, when its years are computed, then year 1 is 2023 and year 5 is 2027', () => {
    expect(leaseYearOf('2023-01-01', 1)).toEqual({ from: '2023-01-01', to: '2023-12-31' });
    expect(leaseYearOf('2023-01-01', 5)).toEqual({ from: '2027-01-01', to: '2027-12-31' });
  });

  it('given the policy, when the per-seat amounts are read, then years 1-3 pay 2,500 yuan and years 4-5 1,250 yuan', () => {
    expect([1, 2, 3, 4, 5].map((y) => leaseYearFenPerSeat(y, DATONG_2022))).toEqual([
      250_000, 250_000, 250_000, 125_000, 125_000,
    ]);
    expect(leaseTrancheFen(40, 1, DATONG_2022)).toBe(10_000_000);
    expect(leaseTrancheFen(40, 4, DATONG_2022)).toBe(5_000_000);
  });

  it('given 40 seats counted each year, when all five years are paid, then a seat earns 10,000 yuan in total', () => {
    const total = [1, 2, 3, 4, 5].reduce((sum, y) => sum + leaseTrancheFen(1, y, DATONG_2022), 0);
    expect(total).toBe(1_000_000);
  });

  it('given no year approved, when year 1 is decided within lease year 1, then it passes', () => {
    expect(leaseTrancheRule(1, '2023-03-15', lease, [], DATONG_2022)).toBeUndefined();
  });

  it('given year 1 approved, when year 3 is decided within lease year 3, then it passes: lease years are paid in any order', () => {
    expect(leaseTrancheRule(3, '2025-03-15', lease, [1], DATONG_2022)).toBeUndefined();
  });

  it('given a lease filed in its third year, when year 1 is decided first, then it passes (filing late forfeits nothing)', () => {
    expect(leaseTrancheRule(1, '2025-03-15', lease, [], DATONG_2022)).toBeUndefined();
    expect(leaseTrancheRule(2, '2025-03-15', lease, [1, 3], DATONG_2022)).toBeUndefined();
  });

  it('given year 1 approved, when year 1 is asked again, then it is refused', () => {
    expect(leaseTrancheRule(1, '2023-06-01', lease, [1], DATONG_2022)?.reason).toBe(
      'lease year 1 is already approved',
    );
  });

  it('given year 2 (2024), when it is decided on 2023-12-31, then it is refused (the year has not begun); on 2024-01-01 or 2025-01-01 it passes', () => {
    expect(leaseTrancheRule(2, '2023-12-31', lease, [1], DATONG_2022)).toEqual({
      rule: 'R-SITE-LEASE',
      reason:
        'lease year 2 begins on 2024-01-01; its effective seats cannot be counted on 2023-12-31',
    });
    expect(leaseTrancheRule(2, '2024-01-01', lease, [1], DATONG_2022)).toBeUndefined();
    expect(leaseTrancheRule(2, '2025-01-01', lease, [1], DATONG_2022)).toBeUndefined();
  });

  it('given a lease year, when it is decided within it, then its seats are counted on the decision date; when decided after it, on its last day', () => {
    expect(leaseSeatsCountedOn('2023-01-01', 1, '2023-03-15')).toBe('2023-03-15');
    expect(leaseSeatsCountedOn('2023-01-01', 1, '2023-12-31')).toBe('2023-12-31');
    expect(leaseSeatsCountedOn('2023-01-01', 1, '2024-01-01')).toBe('2023-12-31');
    expect(leaseSeatsCountedOn('2023-01-01', 2, '2026-07-01')).toBe('2024-12-31');
  });

  it('given a year 6, when asked, then it is refused: a lease is paid for years 1 to 5', () => {
    expect(leaseTrancheRule(6, '2028-03-01', lease, [1, 2, 3, 4, 5], DATONG_2022)?.reason).toBe(
      'a lease is paid for years 1 to 5',
    );
  });
});
