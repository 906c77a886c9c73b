import { BusinessDate, Month, monthOf } from '../shared/business-date';
import { conflict, invalidInput, notFound, ruleViolation } from '../shared/ledger-error';
import { PolicyVersion } from '../policy/policy-version';
import {
  internRetention,
  internshipEligibilityRule,
  retentionBasisPoints,
} from '../rules/internship-eligibility.rule';
import { internEmployerRule } from '../rules/intern-employer.rule';
import { InternLevel } from '../rules/internship-reward.rule';
import { cohortYearStartOf, policyValidityRule } from '../rules/policy-validity.rule';
import { SchoolState } from '../school/school.decider';
import { Intern, internIdOf, InternshipEvent } from './internship.events';
import { InternshipState } from './internship.state';

/** Limits on one application: a request can never grow without bound. */
export const INTERNSHIP_LIMITS = { internsMax: 20_000 } as const;

export interface SubmitInternshipApplicationCommand {
  applicationId: string;
  schoolId: string;
  year: number;
  submittedOn: BusinessDate;
  submittedBy: string;
  submittedByReviewer: boolean;
  agreementRef: string;
  trainingBaseRef: string;
  interns: {
    personKey: string;
    personId: string;
    personIdMasked: string;
    name: string;
    level: InternLevel;
    enterpriseId: string;
    employedMonths: Month[];
  }[];
}

/**
 * SubmitInternshipApplication (R-INT): the school is registered and names
 * its school–enterprise agreement and joint training base; every retained
 * intern's employer is a registered enterprise; it sent at least 50 interns
 * in the year and retained at least 50 % (6+ consecutive months of
 * employment). Otherwise 422 R-INT and nothing is written. `policy` is the
 * version in force on 1 January of the cohort year (R-POL), which must be
 * within its validity whenever the application is filed.
 */
export function decideSubmitInternshipApplication(
  state: InternshipState,
  school: SchoolState,
  cmd: SubmitInternshipApplicationCommand,
  policy: PolicyVersion,
  /** Which of the interns' employers are registered enterprises (read from their streams). */
  registeredEmployers: ReadonlySet<string>,
): InternshipEvent[] {
  if (state.exists) throw conflict(`internship application ${cmd.applicationId} already exists`);
  if (!school.registered) throw notFound(`school ${cmd.schoolId}`);
  if (!cmd.agreementRef.trim()) throw invalidInput('agreementRef', 'must not be empty');
  if (!cmd.trainingBaseRef.trim()) throw invalidInput('trainingBaseRef', 'must not be empty');
  if (cmd.year > Number(cmd.submittedOn.slice(0, 4))) {
    throw invalidInput('year', `must not be after the year of submission (${cmd.submittedOn})`);
  }
  const validity = policyValidityRule(
    policy,
    cohortYearStartOf(cmd.year),
    'internship application',
  );
  if (validity) throw ruleViolation(validity.rule, validity.reason);
  if (cmd.interns.length > INTERNSHIP_LIMITS.internsMax) {
    throw invalidInput('interns', `at most ${INTERNSHIP_LIMITS.internsMax} interns`);
  }
  const until = monthOf(cmd.submittedOn);
  const persons = new Set<string>();
  const interns: Intern[] = cmd.interns.map((i, n) => {
    if (persons.has(i.personKey)) {
      throw invalidInput(`interns.${n}.personId`, 'names a person already listed');
    }
    persons.add(i.personKey);
    const late = i.employedMonths.find((m) => m > until);
    if (late) {
      throw invalidInput(`interns.${n}.employedMonths`, `month ${late} is after the submission`);
    }
    return {
      internId: internIdOf(cmd.applicationId, n),
      ...i,
      employedMonths: [...new Set(i.employedMonths)].sort(),
      ...internRetention(i.employedMonths, cmd.submittedOn, policy),
    };
  });
  const employers = internEmployerRule(interns, registeredEmployers);
  if (employers) {
    throw ruleViolation(employers.rule, employers.reason, {
      unregisteredEmployers: employers.unregistered,
    });
  }
  const retained = interns.filter((i) => i.retained).length;
  const eligibility = internshipEligibilityRule(interns.length, retained, policy);
  if (eligibility) {
    throw ruleViolation(eligibility.rule, eligibility.reason, {
      internsSent: interns.length,
      retained,
    });
  }
  return [
    {
      type: 'InternshipApplicationSubmitted',
      data: {
        applicationId: cmd.applicationId,
        schoolId: cmd.schoolId,
        year: cmd.year,
        submittedOn: cmd.submittedOn,
        submittedBy: cmd.submittedBy,
        reviewerIds: cmd.submittedByReviewer ? [cmd.submittedBy] : [],
        agreementRef: cmd.agreementRef,
        trainingBaseRef: cmd.trainingBaseRef,
        policyVersion: policy.id,
        interns,
        internsSent: interns.length,
        retained,
        retentionBasisPoints: retentionBasisPoints(retained, interns.length),
      },
    },
  ];
}
