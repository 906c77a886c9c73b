import { BusinessDate } from '../shared/business-date';
import { conflict, notFound } from '../shared/ledger-error';
import { Fen } from '../shared/money';
import { SchoolReward } from '../rules/internship-reward.rule';

/**
 * Events of `school-{schoolId}` (R-INT): the school. Until R-INT was amended
 * ("once in total, whichever school lists them", decided on `person-{key}`
 * since), each tranche also recorded here the persons it rewarded
 * (`InternshipRewardsReserved`): those records still replay, and still
 * refuse the same school a second reward for the same person.
 * **Interpretation (ADR 0009):** a school is not an enterprise; R-FRAUD cases
 * and suspensions are against enterprises (Art. 11 names the unit that used
 * false material), so a school is never suspended by this ledger.
 */
export type SchoolEvent =
  | {
      type: 'SchoolRegistered';
      data: { schoolId: string; name: string; registeredOn: BusinessDate };
    }
  | {
      // Written by internship tranches approved before the amended R-INT:
      // the persons the tranche rewarded the school for, and those refused.
      type: 'InternshipRewardsReserved';
      data: {
        schoolId: string;
        applicationId: string;
        trancheId: string;
        decidedOn: BusinessDate;
        reserved: { internId: string; personKey: string; amountFen: Fen }[];
        refused: { internId: string; personKey: string; rule: string; reason: string }[];
      };
    }
  | {
      // A step of an upheld objection against one intern: the person may be
      // rewarded again later.
      type: 'InternshipRewardReleased';
      data: {
        schoolId: string;
        trancheId: string;
        internId: string;
        personKey: string;
        releasedOn: BusinessDate;
        reason: string;
        cause: { kind: string; id: string };
      };
    };

export const SCHOOL_EVENT_TYPES: readonly SchoolEvent['type'][] = [
  'SchoolRegistered',
  'InternshipRewardsReserved',
  'InternshipRewardReleased',
];

export type RewardOutcome =
  { status: 'reserved'; amountFen: Fen } | { status: 'refused'; rule: string; reason: string };

export interface SchoolState {
  registered: boolean;
  schoolId: string;
  name: string;
  /** Persons the school was rewarded for by tranches before the amended R-INT, by person key. */
  rewarded: Map<string, SchoolReward>;
  /** Tranche id → intern id → outcome, for tranches already reserved. */
  reservations: Map<string, Map<string, RewardOutcome>>;
}

export const initialSchoolState = (): SchoolState => ({
  registered: false,
  schoolId: '',
  name: '',
  rewarded: new Map(),
  reservations: new Map(),
});

export function evolveSchool(state: SchoolState, event: SchoolEvent): SchoolState {
  switch (event.type) {
    case 'SchoolRegistered':
      state.registered = true;
      state.schoolId = event.data.schoolId;
      state.name = event.data.name;
      return state;
    case 'InternshipRewardsReserved': {
      const d = event.data;
      const outcomes = new Map<string, RewardOutcome>();
      for (const r of d.reserved) {
        state.rewarded.set(r.personKey, { trancheId: d.trancheId, internId: r.internId });
        outcomes.set(r.internId, { status: 'reserved', amountFen: r.amountFen });
      }
      for (const r of d.refused) {
        outcomes.set(r.internId, { status: 'refused', rule: r.rule, reason: r.reason });
      }
      state.reservations.set(d.trancheId, outcomes);
      return state;
    }
    case 'InternshipRewardReleased': {
      const held = state.rewarded.get(event.data.personKey);
      if (held && held.trancheId === event.data.trancheId)
        state.rewarded.delete(event.data.personKey);
      return state;
    }
    default: {
      const never: never = event;
      throw new Error(`unhandled event ${JSON.stringify(never)}`);
    }
  }
}

export function decideRegisterSchool(
  state: SchoolState,
  cmd: { schoolId: string; name: string; registeredOn: BusinessDate },
): SchoolEvent[] {
  if (state.registered) throw conflict(`school ${cmd.schoolId} is already registered`);
  return [{ type: 'SchoolRegistered', data: { ...cmd } }];
}

export function requireSchool(state: SchoolState, schoolId: string): SchoolState {
  if (!state.registered) throw notFound(`school ${schoolId}`);
  return state;
}

/**
 * A step of an upheld objection against an intern of a tranche approved
 * before R-INT was decided on the person stream: the school's record of the
 * person goes, so the person may be rewarded again. Idempotent; for later
 * tranches it writes nothing (they are released on `person-{key}`).
 */
export function decideReleaseReward(
  state: SchoolState,
  cmd: {
    trancheId: string;
    internId: string;
    personKey: string;
    releasedOn: BusinessDate;
    reason: string;
    cause: { kind: string; id: string };
  },
): SchoolEvent[] {
  const held = state.rewarded.get(cmd.personKey);
  if (!held || held.trancheId !== cmd.trancheId) return [];
  return [{ type: 'InternshipRewardReleased', data: { schoolId: state.schoolId, ...cmd } }];
}
