import { DATONG_2022 } from '../policy/datong-2022.policy';
import {
  internRetention,
  internshipEligibilityRule,
  longestConsecutiveMonths,
  retentionBasisPoints,
} from './internship-eligibility.rule';

describe('R-INT 50+ interns a year, at least 50 % retained', () => {
  it('given 49 interns all retained, when applied for, then it is refused naming R-INT', () => {
    expect(internshipEligibilityRule(49, 49, DATONG_2022)).toEqual({
      rule: 'R-INT',
      reason: 'the school sent 49 interns in the year; at least 50 are needed',
    });
  });

  it('given 50 interns with 25 retained (exactly 50 %), when applied for, then it passes (the favourable reading, Art. 15)', () => {
    expect(internshipEligibilityRule(50, 25, DATONG_2022)).toBeUndefined();
  });

  it('given 50 interns with 24 retained (48 %), when applied for, then it is refused naming R-INT', () => {
    expect(internshipEligibilityRule(50, 24, DATONG_2022)).toEqual({
      rule: 'R-INT',
      reason: '24 of 50 interns were retained (4800 basis points); at least 5000 are needed',
    });
  });

  it('given 51 interns with 25 retained (49.02 %), when applied for, then it is refused (no rounding up)', () => {
    expect(internshipEligibilityRule(51, 25, DATONG_2022)?.rule).toBe('R-INT');
    expect(retentionBasisPoints(25, 51)).toBe(4_901);
  });

  it('given 51 interns with 26 retained, when applied for, then it passes', () => {
    expect(internshipEligibilityRule(51, 26, DATONG_2022)).toBeUndefined();
  });
});

describe('R-INT retained: 6 or more consecutive months employed', () => {
  it('given 5 consecutive months, when checked, then the intern is not retained', () => {
    expect(
      internRetention(
        ['2023-07', '2023-08', '2023-09', '2023-10', '2023-11'],
        '2024-03-01',
        DATONG_2022,
      ),
    ).toEqual({ longestRunMonths: 5, retained: false });
  });

  it('given 6 consecutive months across the new year, when checked, then the intern is retained', () => {
    expect(
      internRetention(
        ['2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03'],
        '2024-03-01',
        DATONG_2022,
      ),
    ).toEqual({ longestRunMonths: 6, retained: true });
  });

  it('given 6 months with a gap (3 + 3), when checked, then the longest run is 3: not retained', () => {
    expect(
      longestConsecutiveMonths(['2023-01', '2023-02', '2023-03', '2023-05', '2023-06', '2023-07']),
    ).toBe(3);
  });

  it('given 6 consecutive months of which the last is after the submission month, when checked, then only 5 count', () => {
    expect(
      internRetention(
        ['2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03'],
        '2024-02-29',
        DATONG_2022,
      ).retained,
    ).toBe(false);
  });

  it('given a month listed twice, when checked, then it counts once', () => {
    expect(longestConsecutiveMonths(['2023-01', '2023-01', '2023-02'])).toBe(2);
    expect(longestConsecutiveMonths([])).toBe(0);
  });
});
