import { BusinessDate } from '../shared/business-date';
import { conflict, forbidden, invalidInput, notFound, ruleViolation } from '../shared/ledger-error';
import { Fen, sumFen } from '../shared/money';
import { PolicyVersion } from '../policy/policy-version';
import { internshipRewardFen } from '../rules/internship-reward.rule';
import { SchoolStanding } from '../rules/enterprise-suspension.rule';
import { segregationOfDutiesRule } from '../rules/segregation-of-duties.rule';
import { requireNotSuspended } from '../tranche/payable-tranche';
import { clearanceField, requireClearance } from '../tranche/tranche-clearance';
import { RewardOutcome } from '../school/school.decider';
import { InternshipEvent, internshipTrancheIdOf } from './internship.events';
import { InternshipState } from './internship.state';

/**
 * ApproveInternshipTranche, step 1: one tranche, for every retained intern,
 * each at the reward of their level under the policy in force on the
 * decision date. Once per person in total is decided next, on each person's stream.
 */
export function decideStartInternshipTranche(
  state: InternshipState,
  cmd: {
    decidedOn: BusinessDate;
    approvedBy: string;
    /** R-FRAUD (ADR 0014): granted on the school's stream just before; refused if revoked. */
    clearanceId?: string;
  },
  policy: PolicyVersion,
  /** R-FRAUD: the school's standing (a case may suspend a school, RULES.md amended). */
  standing?: SchoolStanding,
): InternshipEvent[] {
  if (!state.exists) throw notFound(`internship application ${state.applicationId}`);
  if (state.openProcesses.size > 0) {
    throw conflict(
      `internship application ${state.applicationId} is still being processed; retry shortly`,
    );
  }
  requireNotSuspended(standing, 'approve tranches');
  requireClearance(state.clearances, cmd.clearanceId, internshipTrancheIdOf(state.applicationId));
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
        ...clearanceField(cmd.clearanceId),
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
        amountFen: sumFen(included.map((c) => c.amountFen)),
        included,
        refused,
      },
    },
  ];
}
