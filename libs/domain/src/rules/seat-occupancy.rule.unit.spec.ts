import { claimConflictsWithOccupancies, occupancyConflicts } from './seat-occupancy.rule';

const A = 'enterprise-A';
const B = 'enterprise-B';
const claimA = { claimId: 'sa-1.c1', enterpriseId: A, months: ['2023-01', '2023-02'] };
const claimB = { claimId: 'sb-1.c1', enterpriseId: B, months: ['2023-01', '2023-02'] };
const seatA1 = {
  occupancyId: 'r1:A-1',
  enterpriseId: A,
  seatRef: 'A-1',
  months: ['2023-01', '2023-02', '2023-03'],
};
const wanted = (enterpriseId: string, seatRef: string, months = ['2023-02', '2023-03']) => ({
  occupancyId: `r2:${seatRef}`,
  enterpriseId,
  seatRef,
  months,
});

describe('R-EFF with R-SEAT-6: one employer a month, one seat a month', () => {
  it('given a seat-subsidy claim of enterprise A for the months, when A puts the person in an effective seat, then it is allowed (the same job)', () => {
    expect(occupancyConflicts([claimA], [], wanted(A, 'A-2'))).toEqual([]);
  });

  it('given a seat-subsidy claim of enterprise B for the months, when A puts the person in an effective seat, then it conflicts naming R-SEAT-6 and B', () => {
    expect(occupancyConflicts([claimB], [], wanted(A, 'A-2'))).toEqual([
      { rule: 'R-SEAT-6', claimId: 'sb-1.c1', enterpriseId: B, months: ['2023-02'] },
    ]);
  });

  it('given the person in seat A-1 of A, when A puts them in seat A-2 for an overlapping month, then it conflicts naming R-EFF (no person in two seats)', () => {
    expect(occupancyConflicts([], [seatA1], wanted(A, 'A-2'))).toEqual([
      {
        rule: 'R-EFF',
        claimId: 'r1:A-1',
        enterpriseId: A,
        seatRef: 'A-1',
        months: ['2023-02', '2023-03'],
      },
    ]);
  });

  it('given the person in seat A-1 of A, when B puts them in a seat for an overlapping month, then it conflicts naming R-SEAT-6', () => {
    expect(occupancyConflicts([], [seatA1], wanted(B, 'B-1'))).toMatchObject([
      { rule: 'R-SEAT-6', enterpriseId: A },
    ]);
  });

  it('given the person in seat A-1 of A, when a later roster recognises seat A-1 again with them, then it is not a conflict', () => {
    expect(occupancyConflicts([], [seatA1], wanted(A, 'A-1'))).toEqual([]);
  });

  it('given months that do not overlap, when any seat is wanted, then nothing conflicts', () => {
    expect(occupancyConflicts([claimB], [seatA1], wanted(B, 'B-1', ['2023-04']))).toEqual([]);
  });
});

describe('R-SEAT-6 for a seat-subsidy claim against effective seats', () => {
  it('given the person in an effective seat of A, when A claims a seat subsidy for the months, then it is allowed', () => {
    expect(claimConflictsWithOccupancies([seatA1], A, ['2023-01'])).toEqual([]);
  });

  it('given the person in an effective seat of A, when B claims a seat subsidy for an overlapping month, then it conflicts naming A', () => {
    expect(claimConflictsWithOccupancies([seatA1], B, ['2023-03', '2023-04'])).toEqual([
      { claimId: 'r1:A-1', enterpriseId: A, months: ['2023-03'] },
    ]);
  });
});
