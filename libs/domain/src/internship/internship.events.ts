import { BusinessDate, Month } from '../shared/business-date';
import { Fen } from '../shared/money';
import { InternLevel } from '../rules/internship-reward.rule';
import { TrancheClearanceRevokedData } from '../tranche/tranche-clearance';
import { FalseTrancheClawback } from '../tranche/false-tranche';
import { DisbursementReturnedData } from '../tranche/disbursement-return';

export interface Intern {
  /** `{applicationId}.p{n}` */
  internId: string;
  personKey: string;
  /** Full ID number: the roster reviewers check. Never in a stream name or a log. */
  personId: string;
  personIdMasked: string;
  name: string;
  level: InternLevel;
  /** The enterprise the intern was sent to (unified social credit code). */
  enterpriseId: string;
  employedMonths: Month[];
  longestRunMonths: number;
  retained: boolean;
}

export interface InternshipWithdrawalCause {
  kind: 'objection';
  id: string;
  publicityId: string;
}

/**
 * Events of `internship-application-{id}` (R-INT, Art. 6(2)): a school's
 * application for one year's interns, its one tranche `{id}.i1`, its notice
 * and payment. The tranche is a process (ADR 0002): once-per-person is
 * decided on `school-{schoolId}` between its start and its end.
 */
export type InternshipEvent =
  | {
      type: 'InternshipApplicationSubmitted';
      data: {
        applicationId: string;
        schoolId: string;
        year: number;
        submittedOn: BusinessDate;
        submittedBy: string;
        /** Reviewers who submitted it (R-SOD: they may not approve or pay it). */
        reviewerIds: string[];
        agreementRef: string;
        trainingBaseRef: string;
        policyVersion: string;
        interns: Intern[];
        internsSent: number;
        retained: number;
        retentionBasisPoints: number;
      };
    }
  | {
      type: 'InternshipTrancheApprovalStarted';
      data: {
        processId: string;
        applicationId: string;
        schoolId: string;
        trancheId: string;
        decidedOn: BusinessDate;
        approvedBy: string;
        policyVersion: string;
        candidates: {
          internId: string;
          personKey: string;
          level: InternLevel;
          requestedFen: Fen;
        }[];
        /** R-FRAUD (ADR 0014): the clearance granted on the school's stream; absent before it. */
        clearanceId?: string;
      };
    }
  | {
      type: 'InternshipTrancheApproved';
      data: {
        processId: string;
        applicationId: string;
        schoolId: string;
        trancheId: string;
        decidedOn: BusinessDate;
        policyVersion: string;
        amountFen: Fen;
        included: { internId: string; personKey: string; amountFen: Fen }[];
        refused: { internId: string; rule: string; reason: string }[];
      };
    }
  | {
      type: 'InternshipTranchePublicized';
      data: {
        applicationId: string;
        trancheId: string;
        publicityId: string;
        startsOn: BusinessDate;
        endsOn: BusinessDate;
      };
    }
  | {
      type: 'InternWithdrawnFromTranche';
      data: {
        applicationId: string;
        schoolId: string;
        trancheId: string;
        internId: string;
        personKey: string;
        amountFen: Fen;
        withdrawnOn: BusinessDate;
        cause: InternshipWithdrawalCause;
      };
    }
  | {
      type: 'InternshipTrancheDisbursed';
      data: {
        applicationId: string;
        schoolId: string;
        trancheId: string;
        disbursementId: string;
        paidOn: BusinessDate;
        amountFen: Fen;
        bankRef: string;
        paidBy: string;
        /** R-FRAUD (ADR 0014): the clearance granted on the school's stream; absent before it. */
        clearanceId?: string;
      };
    }
  | {
      // A step of a suspension of the school (ADR 0014): an approval or
      // payment cleared before it and not yet recorded is refused from here.
      type: 'TrancheClearanceRevoked';
      data: TrancheClearanceRevokedData;
    }
  | {
      // A step of a finding against the school (R-FRAUD amended): the whole
      // tranche is false; unpaid it is cancelled, paid it is due back.
      type: 'InternshipTrancheFoundFalse';
      data: {
        applicationId: string;
        schoolId: string;
        trancheId: string;
        caseId: string;
        findingId: string;
        foundOn: BusinessDate;
        cancelledFen: Fen;
        clawback?: FalseTrancheClawback;
      };
    }
  | {
      // 退票 (issue #14): the bank sent the reward back; the tranche is payable again.
      type: 'InternshipDisbursementReturned';
      data: DisbursementReturnedData & { applicationId: string; schoolId: string };
    };

export const INTERNSHIP_EVENT_TYPES: readonly InternshipEvent['type'][] = [
  'InternshipApplicationSubmitted',
  'InternshipTrancheApprovalStarted',
  'InternshipTrancheApproved',
  'InternshipTranchePublicized',
  'InternWithdrawnFromTranche',
  'InternshipTrancheDisbursed',
  'TrancheClearanceRevoked',
  'InternshipTrancheFoundFalse',
  'InternshipDisbursementReturned',
];

export const internIdOf = (applicationId: string, index: number) =>
  `${applicationId}.p${index + 1}`;
/** The one tranche of an internship application. */
export const internshipTrancheIdOf = (applicationId: string) => `${applicationId}.i1`;

export function internshipApplicationIdOfTranche(trancheId: string): string | undefined {
  const m = /^(.+)\.i1$/.exec(trancheId);
  return m ? m[1] : undefined;
}

export function internshipApplicationIdOfIntern(internId: string): string | undefined {
  const m = /^(.+)\.p([1-9]\d*)$/.exec(internId);
  return m ? m[1] : undefined;
}
