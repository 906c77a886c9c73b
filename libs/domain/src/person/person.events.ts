import { BusinessDate, Month } from '../shared/business-date';
import { Fen } from '../shared/money';

/**
 * Events of `person-{key}`: every fact that the cross-employer rules R-SEAT-5
 * and R-SEAT-6 decide on. `key` is a keyed hash of the ID number; the events
 * hold only its masked form.
 */
export type PersonEvent =
  | {
      type: 'PersonMonthsClaimed';
      data: {
        stepId: string;
        personKey: string;
        personIdMasked: string;
        claimId: string;
        applicationId: string;
        enterpriseId: string;
        months: Month[];
        filedOn: BusinessDate;
      };
    }
  | {
      type: 'DuplicateClaimRefused';
      data: {
        stepId: string;
        personKey: string;
        personIdMasked: string;
        claimId: string;
        applicationId: string;
        enterpriseId: string;
        months: Month[];
        filedOn: BusinessDate;
        rule: 'R-SEAT-6';
        conflictsWith: { claimId: string; enterpriseId: string; months: Month[] }[];
      };
    }
  | {
      type: 'PersonMonthsReleased';
      data: {
        stepId: string;
        personKey: string;
        claimId: string;
        reason: string;
        releasedOn: BusinessDate;
      };
    }
  | {
      type: 'CapReserved';
      data: {
        reservationId: string;
        personKey: string;
        trancheId: string;
        claimId: string;
        applicationId: string;
        enterpriseId: string;
        requestedFen: Fen;
        amountFen: Fen;
        usedFenBefore: Fen;
        capFen: Fen;
        decidedOn: BusinessDate;
        policyVersion: string;
      };
    }
  | {
      type: 'CapReservationRefused';
      data: {
        reservationId: string;
        personKey: string;
        trancheId: string;
        claimId: string;
        applicationId: string;
        enterpriseId: string;
        requestedFen: Fen;
        usedFenBefore: Fen;
        capFen: Fen;
        decidedOn: BusinessDate;
        policyVersion: string;
        rule: string;
        reason: string;
      };
    }
  | {
      type: 'CapReleased';
      data: {
        reservationId: string;
        personKey: string;
        enterpriseId: string;
        amountFen: Fen;
        releasedOn: BusinessDate;
        reason: string;
        /** What caused it: an upheld objection, a fully recovered clawback, … */
        cause: { kind: string; id: string };
      };
    }
  | {
      // R-EFF: a step of an effective-seat recognition. The person occupied
      // the seat in these months; no other employer (R-SEAT-6) and no other
      // seat (R-EFF) may hold them (seat-occupancy.rule.ts).
      type: 'OccupantMonthsClaimed';
      data: {
        stepId: string;
        personKey: string;
        personIdMasked: string;
        /** `{recognitionId}:{seatRef}` */
        occupancyId: string;
        recognitionId: string;
        enterpriseId: string;
        seatRef: string;
        months: Month[];
        recognizedOn: BusinessDate;
      };
    }
  | {
      type: 'OccupantMonthsRefused';
      data: {
        stepId: string;
        personKey: string;
        personIdMasked: string;
        occupancyId: string;
        recognitionId: string;
        enterpriseId: string;
        seatRef: string;
        months: Month[];
        recognizedOn: BusinessDate;
        rule: 'R-SEAT-6' | 'R-EFF';
        conflictsWith: {
          claimId: string;
          enterpriseId: string;
          months: Month[];
          seatRef?: string;
        }[];
      };
    }
  | {
      // A seat refused for another occupant gives this occupant's months back.
      type: 'OccupantMonthsReleased';
      data: {
        stepId: string;
        personKey: string;
        occupancyId: string;
        reason: string;
        releasedOn: BusinessDate;
      };
    }
  | {
      // R-INT: a step of an internship tranche. A person earns the reward once
      // in total, whichever school lists them, so it is decided here, on the
      // one stream every school's tranche for this person writes to.
      type: 'PersonInternshipRewardReserved';
      data: {
        /** `{trancheId}:{internId}` */
        stepId: string;
        personKey: string;
        schoolId: string;
        applicationId: string;
        trancheId: string;
        internId: string;
        requestedFen: Fen;
        amountFen: Fen;
        decidedOn: BusinessDate;
      };
    }
  | {
      type: 'PersonInternshipRewardRefused';
      data: {
        stepId: string;
        personKey: string;
        schoolId: string;
        applicationId: string;
        trancheId: string;
        internId: string;
        requestedFen: Fen;
        decidedOn: BusinessDate;
        rule: 'R-INT';
        reason: string;
        /** The reward the person holds (for supervisors; the reason names no other school). */
        rewardedBy: { schoolId: string; trancheId: string; internId: string };
      };
    }
  | {
      // An upheld objection took the intern out of the unpaid tranche: the
      // person may be rewarded through another tranche.
      type: 'PersonInternshipRewardReleased';
      data: {
        stepId: string;
        personKey: string;
        schoolId: string;
        trancheId: string;
        internId: string;
        amountFen: Fen;
        releasedOn: BusinessDate;
        reason: string;
        cause: { kind: string; id: string };
      };
    };

export type PersonEventType = PersonEvent['type'];
export const PERSON_EVENT_TYPES: readonly PersonEventType[] = [
  'PersonMonthsClaimed',
  'DuplicateClaimRefused',
  'PersonMonthsReleased',
  'CapReserved',
  'CapReservationRefused',
  'CapReleased',
  'OccupantMonthsClaimed',
  'OccupantMonthsRefused',
  'OccupantMonthsReleased',
  'PersonInternshipRewardReserved',
  'PersonInternshipRewardRefused',
  'PersonInternshipRewardReleased',
];
