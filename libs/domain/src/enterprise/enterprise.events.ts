import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';
import { PolicyOverrides } from '../policy/policy-version';
import { SpecialTermsBasis } from '../rules/special-terms.rule';
import { ClearancesStoppedData, GrantClearanceCommand } from '../tranche/tranche-clearance';

export type Industry = 'call' | 'annotation';

/** Why an open claim closed and gave its seat back (R-SEAT-8). */
export type SeatReleaseKind =
  'refused' | 'rejected' | 'tranche-refused' | 'withdrawn' | 'found-false' | 'paid';

/** Events of `enterprise-{creditCode}`. */
export type EnterpriseEvent =
  | {
      type: 'EnterpriseRegistered';
      data: {
        enterpriseId: string;
        name: string;
        industry: Industry;
        seats: number;
        registeredOn: BusinessDate;
      };
    }
  | {
      // A step of the seat-application submission: the enterprise stream numbers
      // its applications, so "first application in the trial year" (R-SEAT-2)
      // is decided once, consistently, whatever else runs at the same time.
      type: 'SeatApplicationRegistered';
      data: {
        applicationId: string;
        submittedOn: BusinessDate;
        ordinal: number;
        firstTrancheMonths: number;
        policyVersion: string;
        /** R-SPECIAL: the special terms the decision used, if any. */
        specialTermsId?: string;
        /**
         * R-SEAT-8: the claims in the application, and how many of them, in
         * the order listed, hold a seat (the rest are refused with
         * `seatRefusal`), decided on `seatCount` with `seatsHeldBefore` open.
         * Absent on registrations from before R-SEAT-8: they hold no seat.
         */
        claimCount?: number;
        claimsAdmitted?: number;
        seatCount?: number;
        seatsHeldBefore?: number;
        seatRefusal?: string;
      };
    }
  | {
      // R-SEAT-8: a reviewer's count after an inspection; from `verifiedOn`
      // it replaces the count declared at registration (seatCountOn).
      type: 'SeatCountVerified';
      data: {
        enterpriseId: string;
        verifiedOn: BusinessDate;
        seats: number;
        inspectionRef: string;
        verifiedBy: string;
      };
    }
  | {
      // R-SEAT-8: a step of the process that closed these claims (refused at
      // submission or in a tranche, rejected, withdrawn, found false, paid in
      // full): their seats are free for new claims from here.
      type: 'SeatsReleased';
      data: {
        enterpriseId: string;
        applicationId: string;
        claimIds: string[];
        releasedOn: BusinessDate;
        cause: { kind: SeatReleaseKind; id: string };
      };
    }
  | {
      // R-SEAT-8: a step of the return (退票) of a payment that paid these
      // claims in full: they are open again (not paid in full) and hold their
      // seats until the tranche is paid again. `releasedBy` names the
      // paid-in-full process whose `SeatsReleased` this takes back.
      type: 'SeatsRetaken';
      data: {
        enterpriseId: string;
        applicationId: string;
        claimIds: string[];
        retakenOn: BusinessDate;
        releasedBy: string;
        cause: { kind: 'returned'; id: string };
      };
    }
  | {
      // A step of opening a case with suspension, or of a finding (R-FRAUD,
      // Art. 11): from here no tranche of the enterprise is approved or paid,
      // in any programme, until the case that suspended it is closed and what
      // it found due back is recovered. Recorded here, on the stream tranche
      // approval and payment clear themselves on (TrancheClearanceGranted),
      // after every clearance granted before it was settled.
      type: 'EnterpriseSuspended';
      data: {
        enterpriseId: string;
        caseId: string;
        suspendedOn: BusinessDate;
        reason: string;
      };
    }
  | {
      // A step of closing the case that suspended the enterprise, or of the
      // recovery that repays the last of what a closed case found due back.
      type: 'EnterpriseSuspensionLifted';
      data: {
        enterpriseId: string;
        caseId: string;
        liftedOn: BusinessDate;
        reason: string;
      };
    }
  | {
      // R-SEAT-7: the enterprise reports how it spent the subsidy.
      type: 'FundUseReported';
      data: {
        enterpriseId: string;
        reportId: string;
        reportedOn: BusinessDate;
        educationFen: Fen;
        otherFen: Fen;
        reportedBy: string;
      };
    }
  | {
      // R-SPECIAL (Art. 14): a reviewer records a case-by-case decision; it
      // changes nothing until a finance officer (another actor) confirms it.
      type: 'SpecialTermsProposed';
      data: {
        enterpriseId: string;
        termsId: string;
        documentRef: string;
        basis: SpecialTermsBasis;
        overrides: PolicyOverrides;
        validFrom: BusinessDate;
        validTo: BusinessDate;
        proposedOn: BusinessDate;
        proposedBy: string;
        note: string;
        policyVersion: string;
      };
    }
  | {
      // R-SITE-COND (Annex 1 §2): a reviewer's check of the enterprise's
      // standing. Recorded here, on the stream a site tranche's approval
      // already reads for its suspension, so both are read at once.
      type: 'StandingChecked';
      data: {
        enterpriseId: string;
        checkId: string;
        checkedOn: BusinessDate;
        normalOperation: boolean;
        badCreditRecord: boolean;
        /** Where the reviewer looked: 信用中国, the market-regulation register, … */
        source: string;
        checkedBy: string;
      };
    }
  | {
      // R-SPECIAL: from here, decisions for this enterprise dated validFrom to
      // validTo use the overridden parameters (effective-policy.ts).
      type: 'SpecialTermsConfirmed';
      data: {
        enterpriseId: string;
        termsId: string;
        confirmedOn: BusinessDate;
        confirmedBy: string;
      };
    }
  | {
      // R-FRAUD, no race window (ADR 0014): an approval or payment of one of
      // the enterprise's tranches checked its standing at the revision before
      // this one; a suspension settles it before it is recorded.
      type: 'TrancheClearanceGranted';
      data: GrantClearanceCommand & { enterpriseId: string };
    }
  | {
      // R-FRAUD (ADR 0014): the first step of a suspension; no clearance is
      // granted from here, so the suspension cannot be kept from landing.
      type: 'TrancheClearancesStopped';
      data: ClearancesStoppedData & { enterpriseId: string };
    };

export const ENTERPRISE_EVENT_TYPES: readonly EnterpriseEvent['type'][] = [
  'EnterpriseRegistered',
  'SeatApplicationRegistered',
  'SeatCountVerified',
  'SeatsReleased',
  'SeatsRetaken',
  'EnterpriseSuspended',
  'EnterpriseSuspensionLifted',
  'FundUseReported',
  'SpecialTermsProposed',
  'SpecialTermsConfirmed',
  'TrancheClearanceGranted',
  'TrancheClearancesStopped',
  'StandingChecked',
];
