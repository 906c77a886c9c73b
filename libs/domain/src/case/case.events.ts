import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';
import { RecoveryAllocation } from '../rules/recovery-allocation.rule';

export type CaseOutcome = 'upheld' | 'dismissed';

/**
 * The party a case is against (R-FRAUD amended, Art. 11 "单位"): an
 * enterprise or a school. Every case event names it by the one id it has;
 * events written before schools could be named carry `enterpriseId` only.
 */
export type CasePartyIds =
  { enterpriseId: string; schoolId?: undefined } | { schoolId: string; enterpriseId?: undefined };

/** The programmes a finding can name a whole tranche of (`falseTrancheIds`). */
export type FalseTrancheProgramme = 'siteLease' | 'siteRenovation' | 'sitePurchase' | 'internship';

/** A site or internship tranche a finding names false, as its stream knew it when the finding was made. */
export type FalseTrancheRef = {
  trancheId: string;
  programme: FalseTrancheProgramme;
  /** The site id (site tranches) or the internship application id. */
  applicationId: string;
};

/** What one finding did to one named tranche, read back from its stream. */
export type FalseTrancheOutcome = FalseTrancheRef & {
  /** `alreadyFalse`: another finding got there first; this one changed nothing. */
  status: 'found' | 'alreadyFalse';
  foundFalseBy: { caseId: string; findingId: string };
  approvedFen: Fen;
  /** Approved and unpaid: cancelled by the finding (0 when paid). */
  cancelledFen: Fen;
  payment?: {
    disbursementId: string;
    bankRef: string;
    paidOn: BusinessDate;
    amountFen: Fen;
    clawbackId: string;
  };
};

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
 * (ADR 0002): opening with suspension, a finding (which suspends the party),
 * a recovery that settles a claim or repays the last of a closed case, and
 * closing a case with nothing outstanding that suspended its party.
 */
export type CaseEvent =
  | {
      type: 'CaseOpened';
      data: CasePartyIds & {
        /** The case id; a process only when `suspend` (→ EnterpriseSuspended / SchoolSuspended → CaseSuspensionApplied). */
        processId: string;
        caseId: string;
        openedOn: BusinessDate;
        openedBy: string;
        reason: string;
        suspend: boolean;
      };
    }
  | {
      type: 'CaseSuspensionApplied';
      data: CasePartyIds & { processId: string; caseId: string; suspendedOn: BusinessDate };
    }
  | {
      type: 'FindingRecorded';
      data: CasePartyIds & {
        /**
         * The finding id (→ the party suspended, ClaimFoundFalse, ClaimWithdrawnFromTranche,
         * ClawbackAssessed, CapReleased, SiteTrancheFoundFalse, InternshipTrancheFoundFalse → FindingApplied).
         */
        processId: string;
        caseId: string;
        findingId: string;
        foundOn: BusinessDate;
        note: string;
        recordedBy: string;
        claims: FalseClaimRef[];
        /** Site and internship tranches named false; absent before they could be. */
        tranches?: FalseTrancheRef[];
      };
    }
  | {
      type: 'FindingApplied';
      data: CasePartyIds & {
        processId: string;
        caseId: string;
        findingId: string;
        foundOn: BusinessDate;
        claims: FalseClaimOutcome[];
        tranches?: FalseTrancheOutcome[];
        clawbackDueFen: Fen;
        cancelledFen: Fen;
        /** Claims with nothing paid: settled at once, their months released. */
        settledClaimIds: string[];
        /** R-FRAUD (amended): the finding suspended the party; absent before findings did. */
        suspended?: boolean;
      };
    }
  | {
      type: 'RecoveryRecorded';
      data: CasePartyIds & {
        /** The recovery id; a process when `settledClaims` is not empty or it lifts the suspension. */
        processId: string;
        caseId: string;
        recoveryId: string;
        receivedOn: BusinessDate;
        amountFen: Fen;
        bankRef: string;
        recordedBy: string;
        /** Oldest payment first (recovery-allocation.rule.ts). */
        allocations: RecoveryAllocation[];
        settledClaims: SettledClaim[];
        /** R-FRAUD (amended): repays the last of a closed case, whose suspension it lifts. */
        liftsSuspension?: boolean;
      };
    }
  | {
      type: 'RecoveryApplied';
      data: CasePartyIds & {
        processId: string;
        caseId: string;
        recoveryId: string;
        releasedClaimIds: string[];
        /** The party's suspension by this case was lifted by this recovery. */
        suspensionLifted?: boolean;
      };
    }
  | {
      type: 'CaseClosed';
      data: CasePartyIds & {
        /** `{caseId}:closure`; a process only when `liftsSuspension`. */
        processId: string;
        caseId: string;
        closedOn: BusinessDate;
        closedBy: string;
        outcome: CaseOutcome;
        note: string;
        /** R-FRAUD (amended): only when nothing found due back is outstanding. */
        liftsSuspension: boolean;
      };
    }
  | {
      type: 'CaseSuspensionLifted';
      data: CasePartyIds & { processId: string; caseId: string; liftedOn: BusinessDate };
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
