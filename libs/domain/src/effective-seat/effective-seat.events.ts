import { BusinessDate, Month } from '../shared/business-date';

/** One occupant of a seat on the roster (R-EFF: name and ID number). */
export interface SeatOccupant {
  personKey: string;
  /** Full ID number: the roster reviewers check. Never in a stream name or a log. */
  personId: string;
  personIdMasked: string;
  name: string;
  wageMonths: Month[];
  insuranceMonths: Month[];
  /** Qualifying months (wages and insurance, not after the recognition's month). */
  months: Month[];
}

/** A seat whose occupants go to their person streams (R-SEAT-6 / R-EFF months). */
export interface CandidateSeat {
  seatRef: string;
  /** `{recognitionId}:{seatRef}`: what each occupant's person stream holds the months under. */
  occupancyId: string;
  /** The seat's months (union of its occupants'), at least the policy's minimum. */
  months: Month[];
  occupants: SeatOccupant[];
}

export interface SeatRefusal {
  seatRef: string;
  rule: string;
  reason: string;
  conflictsWith?: { claimId: string; enterpriseId: string; months: Month[]; seatRef?: string }[];
}

export interface SeatOutcome {
  seatRef: string;
  status: 'recognized' | 'refused';
  months: number;
  occupants: number;
  rule?: string;
  reason?: string;
  conflictsWith?: SeatRefusal['conflictsWith'];
}

/**
 * Events of `effective-seats-{enterpriseId}` (R-EFF, Art. 2). A recognition
 * is a process (ADR 0002): the start lists every seat of the roster, each
 * occupant's months are then claimed on the person's stream, and the end
 * records which seats are effective. The enterprise's effective-seat count on
 * a date is the `recognized` of its latest recognition on or before it.
 */
export type EffectiveSeatEvent =
  | {
      type: 'EffectiveSeatRecognitionStarted';
      data: {
        processId: string;
        recognitionId: string;
        enterpriseId: string;
        recognizedOn: BusinessDate;
        recognizedBy: string;
        policyVersion: string;
        specialTermsId?: string;
        candidates: CandidateSeat[];
        /** Seats refused by R-EFF alone (occupants, months), before any person step. */
        refused: SeatRefusal[];
      };
    }
  | {
      type: 'EffectiveSeatsRecognized';
      data: {
        processId: string;
        recognitionId: string;
        enterpriseId: string;
        recognizedOn: BusinessDate;
        policyVersion: string;
        specialTermsId?: string;
        /** The effective-seat count from `recognizedOn` until the next recognition. */
        recognized: number;
        seats: SeatOutcome[];
      };
    }
  | {
      // R-SITE-LEASE: a step of a lease tranche. Each effective seat is
      // counted once per lease year across the enterprise's leases (Art. 15,
      // no double benefit), so the count is decided here, on one stream.
      type: 'LeaseSeatsCounted';
      data: {
        /** The lease tranche id `{siteId}.y{k}`: a retried step counts nothing twice. */
        trancheId: string;
        siteId: string;
        enterpriseId: string;
        decidedOn: BusinessDate;
        /** The lease year the tranche pays for (both ends inclusive). */
        leaseYearFrom: BusinessDate;
        leaseYearTo: BusinessDate;
        /**
         * The day the effective seats are counted on: the decision date within
         * the lease year, the year's last day after it (absent: `decidedOn`).
         */
        countedOn?: BusinessDate;
        effectiveSeats: number;
        /** Seats other leases of the enterprise already count on `countedOn`. */
        countedElsewhere: number;
        seats: number;
        recognitionId?: string;
      };
    }
  | {
      // The lease tranche was withdrawn (an upheld objection): its seats are
      // no longer counted for that lease year.
      type: 'LeaseSeatsReleased';
      data: {
        trancheId: string;
        siteId: string;
        enterpriseId: string;
        seats: number;
        releasedOn: BusinessDate;
        reason: string;
      };
    };

export const EFFECTIVE_SEAT_EVENT_TYPES: readonly EffectiveSeatEvent['type'][] = [
  'EffectiveSeatRecognitionStarted',
  'EffectiveSeatsRecognized',
  'LeaseSeatsCounted',
  'LeaseSeatsReleased',
];

export const occupancyIdOf = (recognitionId: string, seatRef: string) =>
  `${recognitionId}:${seatRef}`;
