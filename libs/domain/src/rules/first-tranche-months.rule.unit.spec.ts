import { DATONG_2022 } from '../policy/datong-2022.policy';
import { firstTrancheMonthsRequired } from './first-tranche-months.rule';

describe('R-SEAT-2 months the first tranche needs (Annex 1 §1(一)2)', () => {
  it('given no prior application, when the first one is submitted on the first trial day 2022-12-23, then it needs 2 months', () => {
    expect(firstTrancheMonthsRequired('2022-12-23', 0, DATONG_2022)).toBe(2);
  });

  it('given no prior application, when the first one is submitted on the last trial day 2023-12-22, then it needs 2 months', () => {
    expect(firstTrancheMonthsRequired('2023-12-22', 0, DATONG_2022)).toBe(2);
  });

  it('given no prior application, when the first one is submitted mid-trial, then it needs 2 months', () => {
    expect(firstTrancheMonthsRequired('2023-06-15', 0, DATONG_2022)).toBe(2);
  });

  it('given no prior application, when the first one is submitted the day after the trial 2023-12-23, then it needs 6 months', () => {
    expect(firstTrancheMonthsRequired('2023-12-23', 0, DATONG_2022)).toBe(6);
  });

  it('given no prior application, when the first one is dated the day before the trial 2022-12-22, then it needs 6 months', () => {
    expect(firstTrancheMonthsRequired('2022-12-22', 0, DATONG_2022)).toBe(6);
  });

  it('given one prior application, when a second one is submitted in the trial year, then it needs 6 months', () => {
    expect(firstTrancheMonthsRequired('2023-06-15', 1, DATONG_2022)).toBe(6);
  });

  it('given one prior application, when a second one is submitted on the first trial day, then it needs 6 months', () => {
    expect(firstTrancheMonthsRequired('2022-12-23', 1, DATONG_2022)).toBe(6);
  });

  it('given several prior applications, when another is submitted after the trial, then it needs 6 months', () => {
    expect(firstTrancheMonthsRequired('2024-03-01', 3, DATONG_2022)).toBe(6);
  });
});
