import { BusinessDate } from '../shared/business-date';
import { conflict, notFound } from '../shared/ledger-error';
import { Fen } from '../shared/money';
import { SchoolReward } from '../rules/internship-reward.rule';
import {
  ClearancesStoppedData,
  GrantClearanceCommand,
  PendingClearance,
} from '../tranche/tranche-clearance';

/**
 * Events of `school-{schoolId}` (R-INT): the school. Until R-INT was amended
 * ("once in total, whichever school lists them", decided on `person-{key}`
 * since), each tranche also recorded here the persons it rewarded
 * (`InternshipRewardsReserved`): those records still replay, and still
 * refuse the same school a second reward for the same person.
 * R-FRAUD (amended, ADR 0014, superseding ADR 0009's reading that a school
 * is never suspended): a case may be opened against a school (Art. 11
 * "单位"), and its suspension is recorded here, the stream internship
 * approvals and payments clear themselves on.
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
    }
  | {
      // R-FRAUD: a step of opening a case against the school with
      // suspension, or of a finding; no internship tranche of the school is
      // approved or paid until the case is closed and recovered.
      type: 'SchoolSuspended';
      data: { schoolId: string; caseId: string; suspendedOn: BusinessDate; reason: string };
    }
  | {
      type: 'SchoolSuspensionLifted';
      data: { schoolId: string; caseId: string; liftedOn: BusinessDate; reason: string };
    }
  | {
      // R-FRAUD, no race window (ADR 0014): as on an enterprise's stream.
      type: 'TrancheClearanceGranted';
      data: GrantClearanceCommand & { schoolId: string };
    }
  | {
      type: 'TrancheClearancesStopped';
      data: ClearancesStoppedData & { schoolId: string };
    };

export const SCHOOL_EVENT_TYPES: readonly SchoolEvent['type'][] = [
  'SchoolRegistered',
  'InternshipRewardsReserved',
  'InternshipRewardReleased',
  'SchoolSuspended',
  'SchoolSuspensionLifted',
  'TrancheClearanceGranted',
  'TrancheClearancesStopped',
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
  /** R-FRAUD: suspensions in force, by the case that suspended it. */
  suspensions: Map<string, { caseId: string; suspendedOn: BusinessDate }>;
  liftedSuspensions: Set<string>;
  /** Approvals and payments cleared since the last suspension (ADR 0014). */
  pendingClearances: Map<string, PendingClearance>;
  /** Cases suspending it whose suspension is not recorded yet. */
  clearanceStops: Set<string>;
}

export const initialSchoolState = (): SchoolState => ({
  registered: false,
  schoolId: '',
  name: '',
  rewarded: new Map(),
  reservations: new Map(),
  suspensions: new Map(),
  liftedSuspensions: new Set(),
  pendingClearances: new Map(),
  clearanceStops: new Set(),
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
    case 'SchoolSuspended':
      state.suspensions.set(event.data.caseId, {
        caseId: event.data.caseId,
        suspendedOn: event.data.suspendedOn,
      });
      state.pendingClearances.clear();
      state.clearanceStops.delete(event.data.caseId);
      return state;
    case 'SchoolSuspensionLifted':
      state.suspensions.delete(event.data.caseId);
      state.liftedSuspensions.add(event.data.caseId);
      return state;
    case 'TrancheClearanceGranted': {
      const { clearanceId, action, trancheId, grantedOn } = event.data;
      state.pendingClearances.set(clearanceId, { clearanceId, action, trancheId, grantedOn });
      return state;
    }
    case 'TrancheClearancesStopped':
      state.clearanceStops.add(event.data.caseId);
      return state;
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
