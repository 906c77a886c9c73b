import { BusinessDate, Month, monthOf } from '../shared/business-date';
import { conflict, forbidden, invalidInput, notFound, ruleViolation } from '../shared/ledger-error';
import { Fen } from '../shared/money';
import { PolicyVersion } from '../policy/policy-version';
import {
  internRetention,
  internshipEligibilityRule,
  retentionBasisPoints,
} from '../rules/internship-eligibility.rule';
import { InternLevel, internshipRewardFen } from '../rules/internship-reward.rule';
import { PublicityForPayment } from '../rules/payment-after-publicity.rule';
import { segregationOfDutiesRule } from '../rules/segregation-of-duties.rule';
import { RewardOutcome, SchoolState } from '../school/school.decider';
import {
  checkTranchePayment,
  checkTranchePublishable,
  PayableTranche,
} from '../tranche/payable-tranche';
import {
  Intern,
  internIdOf,
  InternshipEvent,
  InternshipWithdrawalCause,
  internshipTrancheIdOf,
} from './internship.events';

/** Limits on one application: a request can never grow without bound. */
export const INTERNSHIP_LIMITS = { internsMax: 20_000 } as const;

export interface InternshipTrancheState extends PayableTranche {
  approvedBy: string;
  policyVersion: string;
  candidates: { internId: string; personKey: string; level: InternLevel; requestedFen: Fen }[];
  included: { internId: string; personKey: string; amountFen: Fen }[];
  refused: { internId: string; rule: string; reason: string }[];
  /** Interns an upheld objection took out, by intern id. */
  withdrawn: Map<string, { amountFen: Fen; cause: InternshipWithdrawalCause }>;
  publicity?: { publicityId: string; startsOn: BusinessDate; endsOn: BusinessDate };
  disbursement?: { disbursementId: string; paidOn: BusinessDate; amountFen: Fen; bankRef: string };
}

export interface InternshipState {
  exists: boolean;
  applicationId: string;
  schoolId: string;
  year: number;
  submittedOn: BusinessDate;
  policyVersion: string;
  interns: Map<string, Intern>;
  internsSent: number;
  retained: number;
  retentionBasisPoints: number;
  reviewerIds: string[];
  tranche?: InternshipTrancheState;
  openProcesses: Set<string>;
}

export const initialInternshipState = (): InternshipState => ({
  exists: false,
  applicationId: '',
  schoolId: '',
  year: 0,
  submittedOn: '',
  policyVersion: '',
  interns: new Map(),
  internsSent: 0,
  retained: 0,
  retentionBasisPoints: 0,
  reviewerIds: [],
  openProcesses: new Set(),
});

function currentAmountFen(t: InternshipTrancheState): Fen {
  let amountFen = 0;
  for (const c of t.included) if (!t.withdrawn.has(c.internId)) amountFen += c.amountFen;
  return amountFen;
}

/** Mutates and returns `state`; callers fold from a fresh initial state. */
export function evolveInternship(state: InternshipState, event: InternshipEvent): InternshipState {
  switch (event.type) {
    case 'InternshipApplicationSubmitted': {
      const d = event.data;
      state.exists = true;
      state.applicationId = d.applicationId;
      state.schoolId = d.schoolId;
      state.year = d.year;
      state.submittedOn = d.submittedOn;
      state.policyVersion = d.policyVersion;
      for (const i of d.interns) state.interns.set(i.internId, i);
      state.internsSent = d.internsSent;
      state.retained = d.retained;
      state.retentionBasisPoints = d.retentionBasisPoints;
      state.reviewerIds = [...d.reviewerIds];
      return state;
    }
    case 'InternshipTrancheApprovalStarted': {
      const d = event.data;
      state.tranche = {
        trancheId: d.trancheId,
        status: 'approving',
        decidedOn: d.decidedOn,
        approvedBy: d.approvedBy,
        policyVersion: d.policyVersion,
        candidates: d.candidates,
        included: [],
        refused: [],
        withdrawn: new Map(),
        amountFen: 0,
      };
      state.openProcesses.add(d.processId);
      return state;
    }
    case 'InternshipTrancheApproved': {
      const t = state.tranche;
      if (t && t.trancheId === event.data.trancheId) {
        t.status = 'approved';
        t.included = event.data.included;
        t.refused = event.data.refused;
        t.amountFen = event.data.amountFen;
      }
      state.openProcesses.delete(event.data.processId);
      return state;
    }
    case 'InternshipTranchePublicized': {
      const t = state.tranche;
      if (t && t.trancheId === event.data.trancheId) {
        const { publicityId, startsOn, endsOn } = event.data;
        t.publicity = { publicityId, startsOn, endsOn };
      }
      return state;
    }
    case 'InternWithdrawnFromTranche': {
      const t = state.tranche;
      if (t && t.trancheId === event.data.trancheId) {
        t.withdrawn.set(event.data.internId, {
          amountFen: event.data.amountFen,
          cause: event.data.cause,
        });
        t.amountFen = currentAmountFen(t);
      }
      return state;
    }
    case 'InternshipTrancheDisbursed': {
      const t = state.tranche;
      if (t && t.trancheId === event.data.trancheId) {
        const { disbursementId, paidOn, amountFen, bankRef } = event.data;
        t.disbursement = { disbursementId, paidOn, amountFen, bankRef };
      }
      return state;
    }
    default: {
      const never: never = event;
      throw new Error(`unhandled event ${JSON.stringify(never)}`);
    }
  }
}

export function foldInternship(events: readonly InternshipEvent[]): InternshipState {
  return events.reduce(evolveInternship, initialInternshipState());
}

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
 * its school–enterprise agreement and joint training base; it sent at least
 * 50 interns in the year and retained at least 50 % (6+ consecutive months of
 * employment). Under that, 422 R-INT and nothing is written.
 */
export function decideSubmitInternshipApplication(
  state: InternshipState,
  school: SchoolState,
  cmd: SubmitInternshipApplicationCommand,
  policy: PolicyVersion,
): InternshipEvent[] {
  if (state.exists) throw conflict(`internship application ${cmd.applicationId} already exists`);
  if (!school.registered) throw notFound(`school ${cmd.schoolId}`);
  if (!cmd.agreementRef.trim()) throw invalidInput('agreementRef', 'must not be empty');
  if (!cmd.trainingBaseRef.trim()) throw invalidInput('trainingBaseRef', 'must not be empty');
  if (cmd.year > Number(cmd.submittedOn.slice(0, 4))) {
    throw invalidInput('year', `must not be after the year of submission (${cmd.submittedOn})`);
  }
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

/**
 * ApproveInternshipTranche, step 1: one tranche, for every retained intern,
 * each at the reward of their level under the policy in force on the
 * decision date. Once per person per school is decided next, on the school.
 */
export function decideStartInternshipTranche(
  state: InternshipState,
  cmd: { decidedOn: BusinessDate; approvedBy: string },
  policy: PolicyVersion,
): InternshipEvent[] {
  if (!state.exists) throw notFound(`internship application ${state.applicationId}`);
  if (state.openProcesses.size > 0) {
    throw conflict(
      `internship application ${state.applicationId} is still being processed; retry shortly`,
    );
  }
  const sod = segregationOfDutiesRule(cmd.approvedBy, state.reviewerIds, 'approve tranches');
  if (sod) throw forbidden(sod.reason, sod.rule);
  if (state.tranche) {
    throw ruleViolation(
      'R-INT',
      'the internship reward is paid once; its tranche is already approved',
    );
  }
  if (cmd.decidedOn < state.submittedOn) {
    throw invalidInput('decidedOn', `must not be before the application (${state.submittedOn})`);
  }
  const trancheId = internshipTrancheIdOf(state.applicationId);
  return [
    {
      type: 'InternshipTrancheApprovalStarted',
      data: {
        processId: trancheId,
        applicationId: state.applicationId,
        schoolId: state.schoolId,
        trancheId,
        decidedOn: cmd.decidedOn,
        approvedBy: cmd.approvedBy,
        policyVersion: policy.id,
        candidates: [...state.interns.values()]
          .filter((i) => i.retained)
          .map((i) => ({
            internId: i.internId,
            personKey: i.personKey,
            level: i.level,
            requestedFen: internshipRewardFen(i.level, policy),
          })),
      },
    },
  ];
}

/** ApproveInternshipTranche, last step: what the school's stream reserved or refused. */
export function decideCompleteInternshipTranche(
  state: InternshipState,
  outcomes: ReadonlyMap<string, RewardOutcome> | undefined,
): InternshipEvent[] {
  const t = state.tranche;
  if (!t || t.status !== 'approving') return [];
  if (!outcomes) throw new Error(`tranche ${t.trancheId} has no reservation yet`);
  const included: { internId: string; personKey: string; amountFen: Fen }[] = [];
  const refused: { internId: string; rule: string; reason: string }[] = [];
  for (const c of t.candidates) {
    const o = outcomes.get(c.internId);
    if (!o) throw new Error(`intern ${c.internId} has no outcome yet`);
    if (o.status === 'reserved') {
      included.push({ internId: c.internId, personKey: c.personKey, amountFen: o.amountFen });
    } else refused.push({ internId: c.internId, rule: o.rule, reason: o.reason });
  }
  return [
    {
      type: 'InternshipTrancheApproved',
      data: {
        processId: t.trancheId,
        applicationId: state.applicationId,
        schoolId: state.schoolId,
        trancheId: t.trancheId,
        decidedOn: t.decidedOn,
        policyVersion: t.policyVersion,
        amountFen: included.reduce((sum, c) => sum + c.amountFen, 0),
        included,
        refused,
      },
    },
  ];
}

export function requireInternshipTranche(
  state: InternshipState,
  trancheId: string,
): InternshipTrancheState {
  const t = state.tranche;
  if (!state.exists || !t || t.trancheId !== trancheId) throw notFound(`tranche ${trancheId}`);
  return t;
}

export function checkInternshipPublishable(
  state: InternshipState,
  trancheId: string,
  startsOn: BusinessDate,
): InternshipTrancheState {
  const t = requireInternshipTranche(state, trancheId);
  checkTranchePublishable(t, startsOn);
  return t;
}

export function decidePublicizeInternshipTranche(
  state: InternshipState,
  cmd: { trancheId: string; publicityId: string; startsOn: BusinessDate; endsOn: BusinessDate },
): InternshipEvent[] {
  const t = state.tranche;
  if (!t || t.trancheId !== cmd.trancheId || t.publicity) return [];
  return [
    { type: 'InternshipTranchePublicized', data: { applicationId: state.applicationId, ...cmd } },
  ];
}

/** Step of an upheld objection against one intern: out of the unpaid tranche; idempotent. */
export function decideWithdrawIntern(
  state: InternshipState,
  cmd: {
    trancheId: string;
    internId: string;
    withdrawnOn: BusinessDate;
    objectionId: string;
    publicityId: string;
  },
): InternshipEvent[] {
  const t = state.tranche;
  if (!t || t.trancheId !== cmd.trancheId || t.disbursement || t.withdrawn.has(cmd.internId)) {
    return [];
  }
  const included = t.included.find((c) => c.internId === cmd.internId);
  if (!included) return [];
  return [
    {
      type: 'InternWithdrawnFromTranche',
      data: {
        applicationId: state.applicationId,
        schoolId: state.schoolId,
        trancheId: cmd.trancheId,
        internId: cmd.internId,
        personKey: included.personKey,
        amountFen: included.amountFen,
        withdrawnOn: cmd.withdrawnOn,
        cause: { kind: 'objection', id: cmd.objectionId, publicityId: cmd.publicityId },
      },
    },
  ];
}

export interface RecordInternshipDisbursementCommand {
  disbursementId: string;
  trancheId: string;
  paidOn: BusinessDate;
  amountFen: Fen;
  bankRef: string;
  paidBy: string;
}

/** RecordDisbursement for an internship tranche: R-SOD, R-PUB, R-PAY (a school is not suspended). */
export function checkInternshipDisbursement(
  state: InternshipState,
  cmd: RecordInternshipDisbursementCommand,
  publicity: PublicityForPayment | undefined,
): InternshipTrancheState {
  const t = requireInternshipTranche(state, cmd.trancheId);
  checkTranchePayment(t, cmd, state.reviewerIds, publicity, undefined);
  return t;
}

export function decideRecordInternshipDisbursement(
  state: InternshipState,
  cmd: RecordInternshipDisbursementCommand,
  publicity: PublicityForPayment | undefined,
): InternshipEvent[] {
  checkInternshipDisbursement(state, cmd, publicity);
  return [
    {
      type: 'InternshipTrancheDisbursed',
      data: {
        applicationId: state.applicationId,
        schoolId: state.schoolId,
        trancheId: cmd.trancheId,
        disbursementId: cmd.disbursementId,
        paidOn: cmd.paidOn,
        amountFen: cmd.amountFen,
        bankRef: cmd.bankRef,
        paidBy: cmd.paidBy,
      },
    },
  ];
}
