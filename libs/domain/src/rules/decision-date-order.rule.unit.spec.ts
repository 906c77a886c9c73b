import { decisionDateOrderRule } from './decision-date-order.rule';

describe('R-DATE a decision is not dated before the facts it rests on', () => {
  it('given an application submitted on 2023-03-01, when it is reviewed on 2023-02-28, then R-DATE refuses naming both dates', () => {
    expect(decisionDateOrderRule('review', '2023-02-28', '2023-03-01', 'application A')).toEqual({
      rule: 'R-DATE',
      reason: 'a review on 2023-02-28 cannot predate the submission of application A (2023-03-01)',
    });
  });

  it('given an application submitted on 2023-03-01, when it is reviewed the same day, then the order holds', () => {
    expect(decisionDateOrderRule('review', '2023-03-01', '2023-03-01', 'application A')).toBe(
      undefined,
    );
  });

  it('given claims reviewed on 2023-03-05, when their tranche is decided on 2023-03-04, then R-DATE refuses; on 2023-03-05 it holds', () => {
    expect(decisionDateOrderRule('tranche', '2023-03-04', '2023-03-05', 'tranche 1')).toMatchObject(
      { rule: 'R-DATE', reason: expect.stringContaining('(2023-03-05)') },
    );
    expect(decisionDateOrderRule('tranche', '2023-03-05', '2023-03-05', 'tranche 1')).toBe(
      undefined,
    );
  });

  it('given a tranche approved on 2023-03-10, when its notice starts on 2023-03-09, then R-DATE refuses; on 2023-03-10 it holds', () => {
    expect(decisionDateOrderRule('publicity', '2023-03-09', '2023-03-10', 'tranche T')?.rule).toBe(
      'R-DATE',
    );
    expect(decisionDateOrderRule('publicity', '2023-03-10', '2023-03-10', 'tranche T')).toBe(
      undefined,
    );
  });

  it('given a notice whose last day is 2023-03-17, when paid on 2023-03-16 or on its last day, then R-DATE refuses; on 2023-03-18 it holds', () => {
    expect(decisionDateOrderRule('payment', '2023-03-16', '2023-03-17', 'notice N')).toEqual({
      rule: 'R-DATE',
      reason:
        'a payment on 2023-03-16 must come after notice N ended (its last day was 2023-03-17)',
    });
    expect(decisionDateOrderRule('payment', '2023-03-17', '2023-03-17', 'notice N')?.rule).toBe(
      'R-DATE',
    );
    expect(decisionDateOrderRule('payment', '2023-03-18', '2023-03-17', 'notice N')).toBe(
      undefined,
    );
  });

  it('given a case opened on 2024-03-01, when a finding is dated 2024-02-29, then R-DATE refuses; on 2024-03-01 it holds', () => {
    expect(decisionDateOrderRule('finding', '2024-02-29', '2024-03-01', 'case C')?.reason).toBe(
      'a finding on 2024-02-29 cannot predate the opening of case C (2024-03-01)',
    );
    expect(decisionDateOrderRule('finding', '2024-03-01', '2024-03-01', 'case C')).toBe(undefined);
  });

  it('given no fact date yet (nothing to rest on), when checked, then the order holds: other rules refuse what is missing', () => {
    expect(decisionDateOrderRule('payment', '2023-01-01', undefined, 'notice N')).toBe(undefined);
  });
});

describe('R-DATE a return is not dated before its payment', () => {
  it('given a payment on 2023-04-09, when it is returned on 2023-04-08, then R-DATE refuses; on 2023-04-09 it holds', () => {
    expect(decisionDateOrderRule('return', '2023-04-08', '2023-04-09', 'disbursement D')).toEqual({
      rule: 'R-DATE',
      reason: 'a return on 2023-04-08 cannot predate disbursement D (paid on 2023-04-09)',
    });
    expect(decisionDateOrderRule('return', '2023-04-09', '2023-04-09', 'disbursement D')).toBe(
      undefined,
    );
  });
});
