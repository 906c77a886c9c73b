import { DATONG_2022 } from '../policy/datong-2022.policy';
import { basisPointsAsDecimal, educationShareRule } from './education-share.rule';

describe('R-SEAT-7 at least 20 % of the seat subsidy received goes on staff education', () => {
  it('given the policy, when the minimum share is read, then it is 20 % (2,000 basis points)', () => {
    expect(DATONG_2022.seat.educationShareMinBasisPoints).toBe(2_000);
  });

  it('given 5,000 yuan received and 1,000 yuan on education, when checked, then the share is exactly 20 % and not flagged', () => {
    expect(educationShareRule(500_000, 100_000, DATONG_2022)).toEqual({
      rule: 'R-SEAT-7',
      seatReceivedFen: 500_000,
      educationFen: 100_000,
      educationShareBasisPoints: 2_000,
      educationShare: '0.2000',
      minimumShareBasisPoints: 2_000,
      belowMinimum: false,
    });
  });

  it('given 5,000 yuan received and 999.99 yuan on education, when checked, then it is flagged below the minimum', () => {
    const share = educationShareRule(500_000, 99_999, DATONG_2022);
    expect(share).toMatchObject({
      educationShareBasisPoints: 1_999,
      educationShare: '0.1999',
      belowMinimum: true,
    });
  });

  it('given a share of 19.9999 %, when checked, then the exact comparison flags it even though it rounds to 20 %', () => {
    // 199_999 / 1_000_000 = 19.9999 %: basis points round down to 1999, and the flag is exact.
    expect(educationShareRule(1_000_000, 199_999, DATONG_2022)).toMatchObject({
      educationShareBasisPoints: 1_999,
      belowMinimum: true,
    });
  });

  it('given nothing received, when checked, then there is no share and no flag', () => {
    expect(educationShareRule(0, 50_000, DATONG_2022)).toMatchObject({
      educationShareBasisPoints: null,
      educationShare: null,
      belowMinimum: false,
    });
  });

  it('given more spent on education than received, when checked, then the share is above 100 % and not flagged', () => {
    expect(educationShareRule(100_000, 150_000, DATONG_2022)).toMatchObject({
      educationShareBasisPoints: 15_000,
      educationShare: '1.5000',
      belowMinimum: false,
    });
  });

  it('given amounts near the largest safe integer, when checked, then the integers stay exact', () => {
    const received = Number.MAX_SAFE_INTEGER;
    const education = Math.floor(received / 5); // just under 20 %
    expect(educationShareRule(received, education, DATONG_2022).belowMinimum).toBe(true);
    expect(educationShareRule(received, education + 1, DATONG_2022).belowMinimum).toBe(false);
  });

  it('given basis points, when shown as a decimal, then it has four places and no float', () => {
    expect(basisPointsAsDecimal(0)).toBe('0.0000');
    expect(basisPointsAsDecimal(1)).toBe('0.0001');
    expect(basisPointsAsDecimal(2_500)).toBe('0.2500');
    expect(basisPointsAsDecimal(12_345)).toBe('1.2345');
  });
});
