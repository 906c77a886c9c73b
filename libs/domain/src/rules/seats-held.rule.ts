import { BusinessDate } from '../shared/business-date';
import { Refusal, refuse } from './refusal';

/** A reviewer's count of an enterprise's seats after an inspection (R-SEAT-8). */
export interface VerifiedSeatCount {
  verifiedOn: BusinessDate;
  seats: number;
  inspectionRef: string;
}

export interface SeatCount {
  seats: number;
  /** `declared` at registration, or `verified` by the inspection named. */
  source: 'declared' | 'verified';
  verifiedOn?: BusinessDate;
  inspectionRef?: string;
}

/**
 * R-SEAT-8: the enterprise's seat count on a date: the latest verified count
 * on or before it (of two on one day, the one recorded last), otherwise the
 * count declared at registration. `verified` is in the order recorded.
 */
export function seatCountOn(
  declared: number,
  verified: readonly VerifiedSeatCount[],
  date: BusinessDate,
): SeatCount {
  let latest: VerifiedSeatCount | undefined;
  for (const v of verified) {
    if (v.verifiedOn <= date && (!latest || v.verifiedOn >= latest.verifiedOn)) latest = v;
  }
  if (!latest) return { seats: declared, source: 'declared' };
  return {
    seats: latest.seats,
    source: 'verified',
    verifiedOn: latest.verifiedOn,
    inspectionRef: latest.inspectionRef,
  };
}

export interface SeatAdmission {
  /** How many of the claims asked for, in the order listed, hold a seat. */
  admitted: number;
  /** Why the rest are refused, when any are. */
  refusal?: Refusal;
}

/**
 * R-SEAT-8 (Art. 3(2) "10000元/席"): the claims an enterprise holds open at
 * once never exceed its seat count. `held` claims are already open; of the
 * `requested` new ones, those that still fit are admitted in the order
 * listed and the rest are refused naming this rule.
 */
export function seatsHeldRule(
  held: number,
  count: SeatCount,
  requested: number,
  date: BusinessDate,
): SeatAdmission {
  const free = Math.max(0, count.seats - held);
  const admitted = Math.min(requested, free);
  if (admitted === requested) return { admitted };
  const basis =
    count.source === 'verified'
      ? `verified on ${count.verifiedOn} (inspection ${count.inspectionRef})`
      : 'declared at registration';
  return {
    admitted,
    refusal: refuse(
      'R-SEAT-8',
      `the enterprise holds ${held} open claims of its ${count.seats} seats (${basis}) on ${date}: ${requested - admitted} claim(s) beyond the count are refused`,
    ),
  };
}
