import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';
import { SiteKind } from '../rules/site-premises.rule';
import { TrancheClearanceRevokedData } from '../tranche/tranche-clearance';
import { FalseTrancheClawback } from '../tranche/false-tranche';
import { DisbursementReturnedData } from '../tranche/disbursement-return';

export interface SitePremises {
  address: string;
  /** Hash of the normalised address: the `premises-{key}` stream (R-SITE-1). */
  premisesKey: string;
}

export interface SiteLease {
  startsOn: BusinessDate;
  /** The lease's last day, inclusive. */
  endsOn: BusinessDate;
}

export interface SiteRenovation {
  investmentFen: Fen;
  auditRef: string;
  completedOn: BusinessDate;
}

export interface SitePurchase {
  /** The certificate's area, in whole dm² (0.01 m²). */
  areaDm2: number;
  /** At most the policy's maximum area (R-SITE-BUY). */
  areaDm2Counted: number;
  purchasedOn: BusinessDate;
  certificateRef: string;
}

/** Why a site tranche left its unpaid state without being paid. */
export interface SiteWithdrawalCause {
  kind: 'objection';
  id: string;
  publicityId: string;
}

/**
 * Events of `site-{siteId}` (R-SITE-*, Art. 4): one site application of one
 * kind, its tranches, their notices and payments. Tranche ids:
 * `{siteId}.y{k}` for lease and purchase year k, `{siteId}.r` for the one
 * renovation payment, so a payment or notice finds the stream without a
 * lookup. A tranche approval is a process (ADR 0002): for a lease, the
 * effective seats are counted on `effective-seats-{enterpriseId}` between
 * its start and its end.
 */
export type SiteEvent =
  | {
      type: 'SiteApplicationSubmitted';
      data: {
        siteId: string;
        enterpriseId: string;
        kind: SiteKind;
        submittedOn: BusinessDate;
        submittedBy: string;
        /** Reviewers who submitted it (R-SOD: they may not approve or pay it). */
        reviewerIds: string[];
        policyVersion: string;
        specialTermsId?: string;
        premises: SitePremises;
        lease?: SiteLease;
        renovation?: SiteRenovation;
        purchase?: SitePurchase;
        /** Renovation and purchase: the subsidy decided at application (R-SITE-RENO, R-SITE-BUY). */
        totalFen?: Fen;
        /** Purchase: years 1…5, adding up exactly to `totalFen`. */
        yearFen?: Fen[];
      };
    }
  | {
      type: 'SiteTrancheApprovalStarted';
      data: {
        processId: string;
        siteId: string;
        enterpriseId: string;
        kind: SiteKind;
        trancheId: string;
        /** Lease and purchase year (1-based); absent for renovation. */
        year?: number;
        decidedOn: BusinessDate;
        approvedBy: string;
        policyVersion: string;
        specialTermsId?: string;
        /** R-SITE-COND: the standing check the approval relied on (absent before it was a rule). */
        standingCheckId?: string;
        /** Renovation and purchase: the amount; lease: decided after counting the seats. */
        amountFen?: Fen;
        /** Lease: the year paid for, and the per-seat amount of that year. */
        leaseYearFrom?: BusinessDate;
        leaseYearTo?: BusinessDate;
        /**
         * Lease: the day whose effective seats the year pays for (R-SITE-LEASE):
         * the decision date within the year, its last day after it. Absent on
         * events written before a year could be paid late: the decision date.
         */
        seatsCountedOn?: BusinessDate;
        perSeatFen?: Fen;
        /** R-FRAUD (ADR 0014): the clearance granted on the enterprise's stream; absent before it. */
        clearanceId?: string;
      };
    }
  | {
      type: 'SiteTrancheApproved';
      data: {
        processId: string;
        siteId: string;
        enterpriseId: string;
        kind: SiteKind;
        trancheId: string;
        year?: number;
        decidedOn: BusinessDate;
        policyVersion: string;
        specialTermsId?: string;
        amountFen: Fen;
        /** Lease: effective seats on the decision date, and those this lease pays for. */
        effectiveSeats?: number;
        seats?: number;
        perSeatFen?: Fen;
      };
    }
  | {
      type: 'SiteTranchePublicized';
      data: {
        siteId: string;
        trancheId: string;
        publicityId: string;
        startsOn: BusinessDate;
        endsOn: BusinessDate;
      };
    }
  | {
      // An upheld objection against the tranche (its only "claim" is the
      // enterprise itself): it pays nothing from here.
      type: 'SiteTrancheWithdrawn';
      data: {
        siteId: string;
        enterpriseId: string;
        kind: SiteKind;
        trancheId: string;
        amountFen: Fen;
        withdrawnOn: BusinessDate;
        cause: SiteWithdrawalCause;
      };
    }
  | {
      type: 'SiteTrancheDisbursed';
      data: {
        siteId: string;
        enterpriseId: string;
        kind: SiteKind;
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
      // A step of a suspension (ADR 0014): an approval or payment cleared
      // before it and not yet recorded is refused from here (423).
      type: 'TrancheClearanceRevoked';
      data: TrancheClearanceRevokedData;
    }
  | {
      // A step of a finding (R-FRAUD amended): the whole tranche is false.
      // Approved and unpaid, it is cancelled (`cancelledFen`); paid, the
      // payment is due back (`clawback`). It pays nothing from here.
      type: 'SiteTrancheFoundFalse';
      data: {
        siteId: string;
        enterpriseId: string;
        kind: SiteKind;
        trancheId: string;
        caseId: string;
        findingId: string;
        foundOn: BusinessDate;
        cancelledFen: Fen;
        clawback?: FalseTrancheClawback;
      };
    }
  | {
      // 退票 (issue #14): the bank sent the payment back; the tranche is payable again.
      type: 'SiteDisbursementReturned';
      data: DisbursementReturnedData & { siteId: string; enterpriseId: string; kind: SiteKind };
    };

export const SITE_EVENT_TYPES: readonly SiteEvent['type'][] = [
  'SiteApplicationSubmitted',
  'SiteTrancheApprovalStarted',
  'SiteTrancheApproved',
  'SiteTranchePublicized',
  'SiteTrancheWithdrawn',
  'SiteTrancheDisbursed',
  'TrancheClearanceRevoked',
  'SiteTrancheFoundFalse',
  'SiteDisbursementReturned',
];

/** `{siteId}.r` (renovation) or `{siteId}.y{k}` (lease and purchase year k). */
export function siteTrancheIdOf(siteId: string, kind: SiteKind, year?: number): string {
  return kind === 'renovation' ? `${siteId}.r` : `${siteId}.y${year ?? 0}`;
}

/** The site a tranche id belongs to, without a lookup. */
export function siteIdOfTranche(trancheId: string): string | undefined {
  const m = /^(.+)\.(?:y[1-9]\d*|r)$/.exec(trancheId);
  return m ? m[1] : undefined;
}

/** The balance programme of a site kind (API.md `programmes.siteLease` …). */
export function siteProgrammeOf(kind: SiteKind): 'siteLease' | 'siteRenovation' | 'sitePurchase' {
  switch (kind) {
    case 'lease':
      return 'siteLease';
    case 'renovation':
      return 'siteRenovation';
    case 'purchase':
      return 'sitePurchase';
    default: {
      const never: never = kind;
      throw new Error(`unknown site kind ${String(never)}`);
    }
  }
}
