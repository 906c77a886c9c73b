import { Fen } from '../shared/money';
import { PolicyVersion } from '../policy/policy-version';

const BASIS_POINTS = 10_000n;

/** R-SEAT-7 for one enterprise: what it received, what it spent on education, and the flag. */
export interface EducationShare {
  rule: 'R-SEAT-7';
  seatReceivedFen: Fen;
  educationFen: Fen;
  /** educationFen / seatReceivedFen in basis points, rounded down; null when nothing was received. */
  educationShareBasisPoints: number | null;
  /** The same as a decimal string with four places ("0.2000" is 20 %); never a float. */
  educationShare: string | null;
  minimumShareBasisPoints: number;
  /** True when some subsidy was received and less than the minimum share went on education. */
  belowMinimum: boolean;
}

/**
 * R-SEAT-7 (Art. 9): at least 20 % (a policy parameter) of the seat subsidy
 * received goes on staff education. The comparison is exact, in integers
 * (BigInt, so large amounts cannot lose precision); the share shown is
 * rounded down. Nothing received means nothing owed: not flagged.
 */
export function educationShareRule(
  seatReceivedFen: Fen,
  educationFen: Fen,
  policy: PolicyVersion,
): EducationShare {
  const minimumShareBasisPoints = policy.seat.educationShareMinBasisPoints;
  const base = {
    rule: 'R-SEAT-7' as const,
    seatReceivedFen,
    educationFen,
    minimumShareBasisPoints,
  };
  if (seatReceivedFen <= 0) {
    return { ...base, educationShareBasisPoints: null, educationShare: null, belowMinimum: false };
  }
  const received = BigInt(seatReceivedFen);
  const education = BigInt(educationFen);
  const basisPoints = Number((education * BASIS_POINTS) / received);
  return {
    ...base,
    educationShareBasisPoints: basisPoints,
    educationShare: basisPointsAsDecimal(basisPoints),
    belowMinimum: education * BASIS_POINTS < received * BigInt(minimumShareBasisPoints),
  };
}

/** 2500 → "0.2500", 12345 → "1.2345". */
export function basisPointsAsDecimal(basisPoints: number): string {
  const whole = Math.floor(basisPoints / 10_000);
  const fraction = String(basisPoints % 10_000).padStart(4, '0');
  return `${whole}.${fraction}`;
}
