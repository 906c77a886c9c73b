import { BusinessDate, Month } from '../shared/business-date';
import { conflict, invalidInput, notFound, ruleViolation } from '../shared/ledger-error';
import { PolicyVersion } from '../policy/policy-version';
import { ApplicationRegistration, EnterpriseState } from '../enterprise/enterprise.decider';
import { StepOutcome } from '../person/person.decider';
import { enterpriseScaleRule } from '../rules/enterprise-scale.rule';
import { policyValidityRule } from '../rules/policy-validity.rule';
import { seatCountOn } from '../rules/seats-held.rule';
import { evidenceMonthsRule, qualifyingMonths } from '../rules/qualifying-months.rule';
import { ClaimCheckResult, SeatApplicationEvent } from './seat-application.events';
import { refused } from './seat-application.guards';
import { claimIdOf, SeatApplicationState } from './seat-application.state';

export interface SubmitSeatApplicationCommand {
  applicationId: string;
  enterpriseId: string;
  submittedOn: BusinessDate;
  claims: {
    personKey: string;
    personId: string;
    personIdMasked: string;
    name: string;
    wageMonths: Month[];
    insuranceMonths: Month[];
  }[];
}

/**
 * SubmitSeatApplication, step 0: R-POL (a version in force on the submission
 * date), R-SEAT-1 and the evidence months; claims start pending.
 */
export function decideSubmitSeatApplication(
  state: SeatApplicationState,
  enterprise: EnterpriseState,
  cmd: SubmitSeatApplicationCommand,
  policy: PolicyVersion,
): SeatApplicationEvent[] {
  if (state.exists) throw conflict(`seat application ${cmd.applicationId} already exists`);
  if (!enterprise.registered) throw notFound(`enterprise ${cmd.enterpriseId}`);
  const validity = policyValidityRule(policy, cmd.submittedOn, 'seat application');
  if (validity) throw refused(validity);
  // R-SEAT-1 on the count of the submission date: a verified count replaces the declared one.
  const seats = seatCountOn(enterprise.seats, enterprise.verifiedSeatCounts, cmd.submittedOn);
  const scale = enterpriseScaleRule(seats.seats, policy);
  if (scale) throw refused(scale);
  if (cmd.claims.length === 0) throw invalidInput('claims', 'at least one claim is needed');
  const seen = new Set<string>();
  cmd.claims.forEach((c, i) => {
    const late = evidenceMonthsRule(c.wageMonths, c.insuranceMonths, cmd.submittedOn);
    if (late) throw refused(late, { field: `claims.${i}` });
    if (seen.has(c.personKey)) {
      throw ruleViolation(
        'R-SEAT-6',
        `claims.${i} names a person already claimed in this application`,
        {
          field: `claims.${i}.personId`,
        },
      );
    }
    seen.add(c.personKey);
  });
  return [
    {
      type: 'SeatApplicationSubmitted',
      data: {
        processId: cmd.applicationId,
        applicationId: cmd.applicationId,
        enterpriseId: cmd.enterpriseId,
        submittedOn: cmd.submittedOn,
        policyVersion: policy.id,
        claims: cmd.claims.map((c, i) => ({
          claimId: claimIdOf(cmd.applicationId, i),
          ...c,
          months: qualifyingMonths(c.wageMonths, c.insuranceMonths, cmd.submittedOn),
        })),
      },
    },
  ];
}

/**
 * SubmitSeatApplication, last step: the outcome of the enterprise and person
 * steps. Claims beyond the `claimsAdmitted` the enterprise gave a seat are
 * refused naming R-SEAT-8 (they had no person step).
 */
export function decideCompleteSubmission(
  state: SeatApplicationState,
  registration: ApplicationRegistration,
  outcomes: ReadonlyMap<string, StepOutcome>,
): SeatApplicationEvent[] {
  if (!state.openProcesses.has(state.applicationId)) return [];
  const { ordinal, firstTrancheMonths, claimsAdmitted, seatRefusal } = registration;
  const results: ClaimCheckResult[] = [...state.claims.values()].map((c, i) => {
    if (claimsAdmitted !== undefined && i >= claimsAdmitted) {
      return { claimId: c.claimId, status: 'refused', rule: 'R-SEAT-8', reason: seatRefusal };
    }
    const o = outcomes.get(c.claimId);
    if (o?.status === 'refused') {
      return {
        claimId: c.claimId,
        status: 'refused',
        rule: o.rule,
        reason: o.reason,
        conflictsWith: o.conflictsWith,
      };
    }
    return { claimId: c.claimId, status: 'submitted' };
  });
  return [
    {
      type: 'SeatApplicationChecked',
      data: {
        processId: state.applicationId,
        applicationId: state.applicationId,
        ordinal,
        firstTrancheMonths,
        results,
      },
    },
  ];
}
