import { BusinessDate, Month } from '../shared/business-date';
import { PolicyVersion } from '../policy/policy-version';
import { qualifyingMonths } from './qualifying-months.rule';
import { Refusal, refuse } from './refusal';

/** One occupant of a seat as the roster gives them. */
export interface SeatOccupantMonths {
  wageMonths: readonly Month[];
  insuranceMonths: readonly Month[];
}

export type EffectiveSeatDecision = { months: Month[] } | { refusal: Refusal };

/**
 * R-EFF (Art. 2): a seat is effective when the enterprise shows at least
 * `minMonths` months of wages **and** social insurance for it (R-SEAT-2's
 * qualifying months, none after the recognition's month), paid to one
 * employee or to at most `maxOccupants` employees in turn.
 * **Interpretation:** the seat's months are the union of its occupants'
 * qualifying months; a hand-over month in which two occupants were both paid
 * counts once. Returns the seat's months, sorted.
 */
export function effectiveSeatRule(
  occupants: readonly SeatOccupantMonths[],
  recognizedOn: BusinessDate,
  policy: PolicyVersion,
): EffectiveSeatDecision {
  const { minMonths, maxOccupants } = policy.effectiveSeat;
  if (occupants.length === 0) {
    return { refusal: refuse('R-EFF', 'a seat needs at least one occupant on the roster') };
  }
  if (occupants.length > maxOccupants) {
    return {
      refusal: refuse(
        'R-EFF',
        `the seat has ${occupants.length} occupants; at most ${maxOccupants} in turn are allowed`,
      ),
    };
  }
  const months = new Set<Month>();
  for (const o of occupants) {
    for (const m of qualifyingMonths(o.wageMonths, o.insuranceMonths, recognizedOn)) months.add(m);
  }
  if (months.size < minMonths) {
    return {
      refusal: refuse(
        'R-EFF',
        `the seat shows ${months.size} months of wages and insurance; at least ${minMonths} are needed`,
      ),
    };
  }
  return { months: [...months].sort() };
}

/** One recognition as the effective-seats stream records it. */
export interface RecognitionCount {
  recognitionId: string;
  recognizedOn: BusinessDate;
  recognized: number;
}

/**
 * R-EFF: the enterprise's effective-seat count on a date is the count of its
 * latest recognition on or before that date (a recognition is a whole roster,
 * not an addition); of two on the same day the later recorded wins. Zero
 * before the first. `recognitions` are in the order they were recorded.
 */
export function effectiveSeatsOn(
  recognitions: readonly RecognitionCount[],
  date: BusinessDate,
): { effectiveSeats: number; recognition?: RecognitionCount } {
  let found: RecognitionCount | undefined;
  for (const r of recognitions) {
    if (r.recognizedOn <= date && (!found || r.recognizedOn >= found.recognizedOn)) found = r;
  }
  return found ? { effectiveSeats: found.recognized, recognition: found } : { effectiveSeats: 0 };
}
