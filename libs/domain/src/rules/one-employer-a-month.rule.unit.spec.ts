import { ClaimedMonths, monthConflicts } from './one-employer-a-month.rule';

describe('R-SEAT-6 one employer a month', () => {
  const byA: ClaimedMonths = {
    claimId: 'app-a.c1',
    enterpriseId: 'ENT-A',
    months: ['2023-01', '2023-02', '2023-03'],
  };

  it('given months claimed by enterprise A, when enterprise B claims overlapping months, then it conflicts and names A’s claim and the shared months', () => {
    expect(monthConflicts([byA], 'app-b.c1', ['2023-03', '2023-04'])).toEqual([
      { claimId: 'app-a.c1', enterpriseId: 'ENT-A', months: ['2023-03'] },
    ]);
  });

  it('given months claimed by enterprise A, when enterprise B claims the disjoint months after them, then there is no conflict', () => {
    expect(monthConflicts([byA], 'app-b.c1', ['2023-04', '2023-05'])).toEqual([]);
  });

  it('given months claimed by a claim, when the same claim adds months overlapping its own, then it is ignored', () => {
    expect(monthConflicts([byA], 'app-a.c1', ['2023-02', '2023-03', '2023-04'])).toEqual([]);
  });

  it('given months claimed by enterprise A, when another claim of enterprise A names one of them, then it conflicts too (one seat paid twice)', () => {
    expect(monthConflicts([byA], 'app-a2.c1', ['2023-01'])).toEqual([
      { claimId: 'app-a.c1', enterpriseId: 'ENT-A', months: ['2023-01'] },
    ]);
  });

  it('given two other claims, when a claim overlaps both, then each is named with its shared months sorted', () => {
    const byC: ClaimedMonths = {
      claimId: 'app-c.c4',
      enterpriseId: 'ENT-C',
      months: ['2023-07', '2023-05'],
    };
    expect(monthConflicts([byA, byC], 'app-b.c1', ['2023-07', '2023-05', '2023-02'])).toEqual([
      { claimId: 'app-a.c1', enterpriseId: 'ENT-A', months: ['2023-02'] },
      { claimId: 'app-c.c4', enterpriseId: 'ENT-C', months: ['2023-05', '2023-07'] },
    ]);
  });

  it('given no claims on the person, when months are claimed, then there is no conflict', () => {
    expect(monthConflicts([], 'app-b.c1', ['2023-01'])).toEqual([]);
  });
});
