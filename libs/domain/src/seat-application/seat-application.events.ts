import { BusinessDate, Month } from '../shared/business-date';
import { Fen } from '../shared/money';
import { TrancheClearanceRevokedData } from '../tranche/tranche-clearance';
import { DisbursementReturnedData } from '../tranche/disbursement-return';

export interface ConflictRef {
  claimId: string;
  enterpriseId: string;
  months: Month[];
}

export interface SubmittedClaim {
  claimId: string;
  personKey: string;
  /** Full ID number: the roster the reviewer checks. Never in a stream name or a log. */
  personId: string;
  personIdMasked: string;
  name: string;
  wageMonths: Month[];
  insuranceMonths: Month[];
  /** R-SEAT-2 qualifying months at submission. */
  months: Month[];
}

export interface ClaimCheckResult {
  claimId: string;
  status: 'submitted' | 'refused';
  rule?: string;
  reason?: string;
  conflictsWith?: ConflictRef[];
}

export interface EvidenceResult {
  claimId: string;
  status: 'accepted' | 'refused';
  /** Months this filing added to the claim. */
  addedMonths: Month[];
  rule?: string;
  reason?: string;
  conflictsWith?: ConflictRef[];
}

export interface TrancheClaimRef {
  claimId: string;
  personKey: string;
  requestedFen: Fen;
}

export interface IncludedClaim {
  claimId: string;
  personKey: string;
  reservationId: string;
  amountFen: Fen;
}

export interface RefusedClaim {
  claimId: string;
  rule: string;
  reason: string;
}

/** Why an included claim left its unpaid tranche. */
export type WithdrawalCause =
  | { kind: 'objection'; id: string; publicityId: string }
  | { kind: 'finding'; id: string; caseId: string };

export const clawbackIdOf = (disbursementId: string, claimId: string) =>
  `${disbursementId}:${claimId}`;

/**
 * Events of `seat-application-{id}`. Events that start a process carry a
 * `processId`; the event that ends it carries the same id, so a recovery pass
 * finds what was left half-done from the events alone (ADR 0002).
 */
export type SeatApplicationEvent =
  | {
      type: 'SeatApplicationSubmitted';
      data: {
        processId: string;
        applicationId: string;
        enterpriseId: string;
        submittedOn: BusinessDate;
        policyVersion: string;
        claims: SubmittedClaim[];
      };
    }
  | {
      type: 'SeatApplicationChecked';
      data: {
        processId: string;
        applicationId: string;
        ordinal: number;
        firstTrancheMonths: number;
        results: ClaimCheckResult[];
      };
    }
  | {
      type: 'EvidenceFiled';
      data: {
        processId: string;
        applicationId: string;
        filedOn: BusinessDate;
        claims: {
          claimId: string;
          wageMonths: Month[];
          insuranceMonths: Month[];
          newMonths: Month[];
        }[];
      };
    }
  | {
      type: 'EvidenceChecked';
      data: {
        processId: string;
        applicationId: string;
        filedOn: BusinessDate;
        results: EvidenceResult[];
      };
    }
  | {
      type: 'ApplicationReviewed';
      data: {
        processId: string;
        applicationId: string;
        reviewedBy: string;
        decidedOn: BusinessDate;
        decisions: { claimId: string; approve: boolean; reason?: string }[];
      };
    }
  | {
      type: 'RejectedClaimsReleased';
      data: { processId: string; applicationId: string; claimIds: string[] };
    }
  | {
      type: 'TrancheApprovalStarted';
      data: {
        processId: string;
        applicationId: string;
        enterpriseId: string;
        trancheId: string;
        tranche: number;
        decidedOn: BusinessDate;
        approvedBy: string;
        policyVersion: string;
        /** R-SPECIAL: the special terms the decision used, if any. */
        specialTermsId?: string;
        candidates: TrancheClaimRef[];
        refused: RefusedClaim[];
        /** R-FRAUD (ADR 0014): the clearance granted on the enterprise's stream; absent before it. */
        clearanceId?: string;
      };
    }
  | {
      type: 'TrancheApproved';
      data: {
        processId: string;
        applicationId: string;
        enterpriseId: string;
        trancheId: string;
        tranche: number;
        decidedOn: BusinessDate;
        policyVersion: string;
        amountFen: Fen;
        included: IncludedClaim[];
        refused: RefusedClaim[];
      };
    }
  | {
      type: 'TranchePublicized';
      data: {
        applicationId: string;
        trancheId: string;
        publicityId: string;
        startsOn: BusinessDate;
        endsOn: BusinessDate;
      };
    }
  | {
      type: 'ClaimWithdrawnFromTranche';
      data: {
        applicationId: string;
        enterpriseId: string;
        trancheId: string;
        claimId: string;
        personKey: string;
        reservationId: string;
        amountFen: Fen;
        withdrawnOn: BusinessDate;
        cause: WithdrawalCause;
      };
    }
  | {
      // A step of a finding (R-FRAUD): the claim is false; it gets no later
      // tranche, and the events written with this one cancel what is approved
      // and unpaid (ClaimWithdrawnFromTranche, cause `finding`) and make what
      // was paid due back (ClawbackAssessed).
      type: 'ClaimFoundFalse';
      data: {
        applicationId: string;
        enterpriseId: string;
        claimId: string;
        caseId: string;
        findingId: string;
        foundOn: BusinessDate;
      };
    }
  | {
      // R-FRAUD: the claim's share of one payment becomes an amount due back.
      type: 'ClawbackAssessed';
      data: {
        applicationId: string;
        enterpriseId: string;
        caseId: string;
        findingId: string;
        /** `{disbursementId}:{claimId}`: a claim's share of a payment is clawed back once. */
        clawbackId: string;
        claimId: string;
        personKey: string;
        trancheId: string;
        reservationId: string;
        disbursementId: string;
        paidOn: BusinessDate;
        bankRef: string;
        amountFen: Fen;
        /** The finding's business date: the amount is due back from then. */
        assessedOn: BusinessDate;
      };
    }
  | {
      type: 'TrancheDisbursed';
      data: {
        /**
         * R-SEAT-8: set when the tranche is the last one (paid in full): the
         * payment then starts the process that gives the claims' seats back,
         * ended by `PaidClaimsReleased`.
         */
        processId?: string;
        applicationId: string;
        enterpriseId: string;
        trancheId: string;
        disbursementId: string;
        paidOn: BusinessDate;
        amountFen: Fen;
        bankRef: string;
        paidBy: string;
        /** R-FRAUD (ADR 0014): the clearance granted on the enterprise's stream; absent before it. */
        clearanceId?: string;
      };
    }
  | {
      // A step of a suspension (ADR 0014): an approval or payment of a
      // tranche of this application cleared before the suspension and not
      // yet recorded is refused from here (423).
      type: 'TrancheClearanceRevoked';
      data: TrancheClearanceRevokedData;
    }
  | {
      // 退票 (issue #14): the bank sent the payment back; the tranche is payable again.
      type: 'DisbursementReturned';
      data: DisbursementReturnedData & { applicationId: string; enterpriseId: string };
    }
  | PaidClaimsReleasedEvent;

/**
 * The end of the paid-in-full process (R-SEAT-8): the enterprise released the
 * seats of the claims the last tranche paid.
 */
export interface PaidClaimsReleasedEvent {
  type: 'PaidClaimsReleased';
  data: { processId: string; applicationId: string; trancheId: string; claimIds: string[] };
}

export type SeatApplicationEventType = SeatApplicationEvent['type'];
export const SEAT_APPLICATION_EVENT_TYPES: readonly SeatApplicationEventType[] = [
  'SeatApplicationSubmitted',
  'SeatApplicationChecked',
  'EvidenceFiled',
  'EvidenceChecked',
  'ApplicationReviewed',
  'RejectedClaimsReleased',
  'TrancheApprovalStarted',
  'TrancheApproved',
  'TranchePublicized',
  'ClaimWithdrawnFromTranche',
  'TrancheDisbursed',
  'ClaimFoundFalse',
  'ClawbackAssessed',
  'TrancheClearanceRevoked',
  'PaidClaimsReleased',
  'DisbursementReturned',
];
