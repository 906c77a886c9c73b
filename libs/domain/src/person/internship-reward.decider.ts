import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';
import { oncePerPersonInTotalRule, PersonInternshipReward } from '../rules/internship-reward.rule';
import type { PersonState } from './person.decider';
import { PersonEvent } from './person.events';

/** The reward a person holds, with what it pays. */
export interface HeldInternshipReward extends PersonInternshipReward {
  stepId: string;
  applicationId: string;
  amountFen: Fen;
}

/** The step id of one intern of one internship tranche: a retried step writes nothing. */
export const internshipRewardStepIdOf = (trancheId: string, internId: string) =>
  `${trancheId}:${internId}`;

type RewardEvent = Extract<
  PersonEvent,
  {
    type:
      | 'PersonInternshipRewardReserved'
      | 'PersonInternshipRewardRefused'
      | 'PersonInternshipRewardReleased';
  }
>;

/** The internship-reward part of `evolvePerson`. */
export function evolvePersonInternshipReward(state: PersonState, event: RewardEvent): PersonState {
  switch (event.type) {
    case 'PersonInternshipRewardReserved': {
      const r = event.data;
      state.internshipReward = {
        stepId: r.stepId,
        schoolId: r.schoolId,
        applicationId: r.applicationId,
        trancheId: r.trancheId,
        internId: r.internId,
        amountFen: r.amountFen,
      };
      state.internshipRewardSteps.set(r.stepId, { status: 'reserved', amountFen: r.amountFen });
      return state;
    }
    case 'PersonInternshipRewardRefused': {
      const r = event.data;
      state.internshipRewardSteps.set(r.stepId, {
        status: 'refused',
        rule: r.rule,
        reason: r.reason,
      });
      return state;
    }
    case 'PersonInternshipRewardReleased':
      if (state.internshipReward?.stepId === event.data.stepId) state.internshipReward = undefined;
      return state;
  }
}

export interface ReserveInternshipRewardCommand {
  personKey: string;
  schoolId: string;
  applicationId: string;
  trancheId: string;
  internId: string;
  requestedFen: Fen;
  decidedOn: BusinessDate;
}

/**
 * A step of an internship tranche (R-INT): the person's reward, unless they
 * hold one from another tranche of any school. Idempotent on the step id.
 */
export function decideReserveInternshipReward(
  state: PersonState,
  cmd: ReserveInternshipRewardCommand,
): PersonEvent[] {
  const stepId = internshipRewardStepIdOf(cmd.trancheId, cmd.internId);
  if (state.internshipRewardSteps.has(stepId)) return [];
  const held = state.internshipReward;
  const refusal = oncePerPersonInTotalRule(held, cmd.schoolId, cmd.trancheId);
  if (refusal && held) {
    return [
      {
        type: 'PersonInternshipRewardRefused',
        data: {
          stepId,
          ...cmd,
          rule: 'R-INT',
          reason: refusal.reason,
          rewardedBy: {
            schoolId: held.schoolId,
            trancheId: held.trancheId,
            internId: held.internId,
          },
        },
      },
    ];
  }
  return [
    {
      type: 'PersonInternshipRewardReserved',
      data: { stepId, ...cmd, amountFen: cmd.requestedFen },
    },
  ];
}

export interface ReleaseInternshipRewardCommand {
  personKey: string;
  trancheId: string;
  internId: string;
  releasedOn: BusinessDate;
  reason: string;
  cause: { kind: string; id: string };
}

/** The intern left an unpaid tranche (an upheld objection): another tranche may reward them. */
export function decideReleaseInternshipReward(
  state: PersonState,
  cmd: ReleaseInternshipRewardCommand,
): PersonEvent[] {
  const stepId = internshipRewardStepIdOf(cmd.trancheId, cmd.internId);
  const held = state.internshipReward;
  if (!held || held.stepId !== stepId) return [];
  return [
    {
      type: 'PersonInternshipRewardReleased',
      data: {
        stepId,
        personKey: cmd.personKey,
        schoolId: held.schoolId,
        trancheId: cmd.trancheId,
        internId: cmd.internId,
        amountFen: held.amountFen,
        releasedOn: cmd.releasedOn,
        reason: cmd.reason,
        cause: cmd.cause,
      },
    },
  ];
}
