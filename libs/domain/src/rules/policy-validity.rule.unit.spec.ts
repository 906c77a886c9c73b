import { DATONG_2022 } from '../policy/datong-2022.policy';
import { cohortYearStartOf, policyValidityRule } from './policy-validity.rule';

describe('R-POL a new application needs a version in force (validity)', () => {
  it('given datong-2022 (2022-12-23 to 2023-12-22), when its validity is read, then it is the trial year of Art. 16', () => {
    expect({ validFrom: DATONG_2022.validFrom, validTo: DATONG_2022.validTo }).toEqual({
      validFrom: '2022-12-23',
      validTo: '2023-12-22',
    });
  });

  it('given datong-2022, when a seat application is dated on the first trial day 2022-12-23, then it is accepted', () => {
    expect(policyValidityRule(DATONG_2022, '2022-12-23', 'seat application')).toBeUndefined();
  });

  it('given datong-2022, when a site application is dated on the last trial day 2023-12-22, then it is accepted', () => {
    expect(policyValidityRule(DATONG_2022, '2023-12-22', 'site application')).toBeUndefined();
  });

  it('given datong-2022, when a seat application is dated the day after, 2023-12-23, then R-POL refuses it', () => {
    expect(policyValidityRule(DATONG_2022, '2023-12-23', 'seat application')).toEqual({
      rule: 'R-POL',
      reason:
        'no policy version is in force on 2023-12-23 for a new seat application (datong-2022 is valid from 2022-12-23 to 2023-12-22)',
    });
  });

  it('given datong-2022, when a recognition is dated the day before, 2022-12-22, then R-POL refuses it', () => {
    expect(policyValidityRule(DATONG_2022, '2022-12-22', 'effective-seat recognition')?.rule).toBe(
      'R-POL',
    );
  });

  it('given cohort years, when their start is computed, then it is 1 January: 2023 is inside the trial, 2024 is not', () => {
    expect(cohortYearStartOf(2023)).toBe('2023-01-01');
    expect(policyValidityRule(DATONG_2022, cohortYearStartOf(2023), 'internship application')).toBe(
      undefined,
    );
    expect(
      policyValidityRule(DATONG_2022, cohortYearStartOf(2024), 'internship application')?.rule,
    ).toBe('R-POL');
  });
});
