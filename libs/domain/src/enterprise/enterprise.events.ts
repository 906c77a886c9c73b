import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';
import { PolicyOverrides } from '../policy/policy-version';
import { SpecialTermsBasis } from '../rules/special-terms.rule';
import { ClearancesStoppedData, GrantClearanceCommand } from '../tranche/tranche-clearance';

export type Industry = 'call' | 'annotation';

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
      // R-FRAUD, no race window (ADR 0010): an approval or payment of one of
      // the enterprise's tranches checked its standing at the revision before
      // this one; a suspension settles it before it is recorded.
      type: 'TrancheClearanceGranted';
      data: GrantClearanceCommand & { enterpriseId: string };
    }
  | {
      // R-FRAUD (ADR 0010): the first step of a suspension; no clearance is
      // granted from here, so the suspension cannot be kept from landing.
      type: 'TrancheClearancesStopped';
      data: ClearancesStoppedData & { enterpriseId: string };
    };

export const ENTERPRISE_EVENT_TYPES: readonly EnterpriseEvent['type'][] = [
  'EnterpriseRegistered',
  'SeatApplicationRegistered',
  'EnterpriseSuspended',
  'EnterpriseSuspensionLifted',
  'FundUseReported',
  'SpecialTermsProposed',
  'SpecialTermsConfirmed',
  'TrancheClearanceGranted',
  'TrancheClearancesStopped',
];
