import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';
import { RecoveryAllocation } from '../rules/recovery-allocation.rule';

export type CaseOutcome = 'upheld' | 'dismissed';

/** A claim a finding names false, as its application stream knew it when the finding was made. */
export interface FalseClaimRef {
  claimId: string;
  applicationId: string;
  personKey: string;
  personIdMasked: string;
}

/** One tranche of a false claim, and what the finding did to it. */
export interface FalseClaimTranche {
  trancheId: string;
  reservationId: string;
  /** What the tranche approved for the claim. */
  approvedFen: Fen;
  /** Approved and unpaid: cancelled by the finding (0 when paid). */
  cancelledFen: Fen;
  /** Paid: this share of the payment is due back. */
  payment?: {
    disbursementId: string;
    bankRef: string;
    paidOn: BusinessDate;
    amountFen: Fen;
    clawbackId: string;
  };
}

/** What one finding did to one claim, read back from the claim's application stream. */
export interface FalseClaimOutcome extends FalseClaimRef {
  /** `alreadyFalse`: another finding got there first; this one changed nothing. */
  status: 'found' | 'alreadyFalse';
  foundFalseBy: { caseId: string; findingId: string };
  tranches: FalseClaimTranche[];
}

/** A claim a recovery has fully repaid: its paid cap reservations are released (ADR 0005). */
export interface SettledClaim {
  claimId: string;
  personKey: string;
  reservationIds: string[];
}

/**
 * Events of `case-{caseId}` (R-FRAUD, Art. 10, 11, 13). Events that start a
 * process carry a `processId`; the event that ends it carries the same
 * (ADR 0002): opening with suspension, a finding, a recovery that settles a
 * claim, and closing a case that suspended its enterprise.
 */
export type CaseEvent =
  | {
      type: 'CaseOpened';
      data: {
        /** The case id; a process only when `suspend` (→ EnterpriseSuspended → CaseSuspensionApplied). */
        processId: string;
        caseId: string;
        enterpriseId: string;
        openedOn: BusinessDate;
        openedBy: string;
        reason: string;
        suspend: boolean;
      };
    }
  | {
      type: 'CaseSuspensionApplied';
      data: { processId: string; caseId: string; enterpriseId: string; suspendedOn: BusinessDate };
    }
  | {
      type: 'FindingRecorded';
      data: {
        /** The finding id (→ ClaimFoundFalse, ClaimWithdrawnFromTranche, ClawbackAssessed, CapReleased → FindingApplied). */
        processId: string;
        caseId: string;
        enterpriseId: string;
        findingId: string;
        foundOn: BusinessDate;
        note: string;
        recordedBy: string;
        claims: FalseClaimRef[];
      };
    }
  | {
      type: 'FindingApplied';
      data: {
        processId: string;
        caseId: string;
        enterpriseId: string;
        findingId: string;
        foundOn: BusinessDate;
        claims: FalseClaimOutcome[];
        clawbackDueFen: Fen;
        cancelledFen: Fen;
        /** Claims with nothing paid: settled at once, their months released. */
        settledClaimIds: string[];
      };
    }
  | {
      type: 'RecoveryRecorded';
      data: {
        /** The recovery id; a process only when `settledClaims` is not empty. */
        processId: string;
        caseId: string;
        enterpriseId: string;
        recoveryId: string;
        receivedOn: BusinessDate;
        amountFen: Fen;
        bankRef: string;
        recordedBy: string;
        /** Oldest payment first (recovery-allocation.rule.ts). */
        allocations: RecoveryAllocation[];
        settledClaims: SettledClaim[];
      };
    }
  | {
      type: 'RecoveryApplied';
      data: {
        processId: string;
        caseId: string;
        enterpriseId: string;
        recoveryId: string;
        releasedClaimIds: string[];
      };
    }
  | {
      type: 'CaseClosed';
      data: {
        /** `{caseId}:closure`; a process only when `liftsSuspension`. */
        processId: string;
        caseId: string;
        enterpriseId: string;
        closedOn: BusinessDate;
        closedBy: string;
        outcome: CaseOutcome;
        note: string;
        liftsSuspension: boolean;
      };
    }
  | {
      type: 'CaseSuspensionLifted';
      data: { processId: string; caseId: string; enterpriseId: string; liftedOn: BusinessDate };
    };

export type CaseEventType = CaseEvent['type'];
export const CASE_EVENT_TYPES: readonly CaseEventType[] = [
  'CaseOpened',
  'CaseSuspensionApplied',
  'FindingRecorded',
  'FindingApplied',
  'RecoveryRecorded',
  'RecoveryApplied',
  'CaseClosed',
  'CaseSuspensionLifted',
];

export const closureProcessIdOf = (caseId: string) => `${caseId}:closure`;
