import { BusinessDate, Month } from '../shared/business-date';
import { Fen } from '../shared/money';
import { PolicyVersion } from '../policy/policy-version';
import { monthConflicts, MonthConflict } from '../rules/one-employer-a-month.rule';
import { personCapRule } from '../rules/person-cap.rule';
import {
  claimConflictsWithOccupancies,
  OccupancyConflict,
  occupancyConflicts,
} from '../rules/seat-occupancy.rule';
import type { RewardOutcome } from '../school/school.decider';
import { evolvePersonInternshipReward, HeldInternshipReward } from './internship-reward.decider';
import { PersonEvent } from './person.events';

/**
 * `person-{key}`: the one stream on which the cross-employer rules are
 * decided, so that an expected-revision append makes them hold under any
 * number of concurrent processes. Every command carries its own step or
 * reservation id and is idempotent on it: a process that retries after a
 * crash or a conflict gets the first answer back and writes nothing.
 */
export interface PersonClaim {
  claimId: string;
  applicationId: string;
  enterpriseId: string;
  months: Month[];
  released: boolean;
}

export interface PersonReservation {
  reservationId: string;
  trancheId: string;
  claimId: string;
  enterpriseId: string;
  amountFen: Fen;
  released: boolean;
}

export type StepOutcome =
  | { status: 'claimed'; months: Month[] }
  | { status: 'refused'; rule: string; reason: string; conflictsWith: MonthConflict[] }
  | { status: 'released' };

/** R-EFF: a person's months in one effective seat (`{recognitionId}:{seatRef}`). */
export interface PersonOccupancy {
  occupancyId: string;
  recognitionId: string;
  enterpriseId: string;
  seatRef: string;
  months: Month[];
  released: boolean;
}

export type OccupancyOutcome =
  | { status: 'claimed'; months: Month[] }
  | { status: 'refused'; rule: string; reason: string; conflictsWith: OccupancyConflict[] }
  | { status: 'released' };

export type ReservationOutcome =
  { status: 'reserved'; amountFen: Fen } | { status: 'refused'; rule: string; reason: string };

export interface PersonState {
  claims: Map<string, PersonClaim>;
  reservations: Map<string, PersonReservation>;
  /** Outcome of each step already taken, by step id. */
  steps: Map<string, StepOutcome>;
  reservationOutcomes: Map<string, ReservationOutcome>;
  usedFen: Fen;
  /** R-EFF: effective seats the person occupied, by occupancy id. */
  occupancies: Map<string, PersonOccupancy>;
  /** Outcome of each occupancy step already taken, by step id. */
  occupancySteps: Map<string, OccupancyOutcome>;
  /** R-INT: the internship reward the person holds (once in total), if any. */
  internshipReward?: HeldInternshipReward;
  /** Outcome of each internship-reward step already taken, by step id. */
  internshipRewardSteps: Map<string, RewardOutcome>;
}

export const initialPersonState = (): PersonState => ({
  claims: new Map(),
  reservations: new Map(),
  steps: new Map(),
  reservationOutcomes: new Map(),
  usedFen: 0,
  occupancies: new Map(),
  occupancySteps: new Map(),
  internshipRewardSteps: new Map(),
});

export function evolvePerson(state: PersonState, event: PersonEvent): PersonState {
  switch (event.type) {
    case 'PersonMonthsClaimed': {
      const d = event.data;
      const months = [...new Set([...heldMonths(state.claims.get(d.claimId)), ...d.months])].sort();
      state.claims.set(d.claimId, {
        claimId: d.claimId,
        applicationId: d.applicationId,
        enterpriseId: d.enterpriseId,
        months,
        released: false,
      });
      state.steps.set(d.stepId, { status: 'claimed', months: d.months });
      return state;
    }
    case 'DuplicateClaimRefused': {
      const d = event.data;
      state.steps.set(d.stepId, {
        status: 'refused',
        rule: d.rule,
        reason: duplicateReason(d.conflictsWith),
        conflictsWith: d.conflictsWith,
      });
      return state;
    }
    case 'PersonMonthsReleased': {
      const claim = state.claims.get(event.data.claimId);
      if (claim) claim.released = true;
      state.steps.set(event.data.stepId, { status: 'released' });
      return state;
    }
    case 'CapReserved': {
      const d = event.data;
      state.reservations.set(d.reservationId, {
        reservationId: d.reservationId,
        trancheId: d.trancheId,
        claimId: d.claimId,
        enterpriseId: d.enterpriseId,
        amountFen: d.amountFen,
        released: false,
      });
      state.reservationOutcomes.set(d.reservationId, {
        status: 'reserved',
        amountFen: d.amountFen,
      });
      state.usedFen += d.amountFen;
      return state;
    }
    case 'CapReservationRefused':
      state.reservationOutcomes.set(event.data.reservationId, {
        status: 'refused',
        rule: event.data.rule,
        reason: event.data.reason,
      });
      return state;
    case 'CapReleased': {
      const r = state.reservations.get(event.data.reservationId);
      if (r && !r.released) {
        r.released = true;
        state.usedFen -= r.amountFen;
      }
      return state;
    }
    case 'OccupantMonthsClaimed': {
      const d = event.data;
      const prior = heldMonths(state.occupancies.get(d.occupancyId));
      state.occupancies.set(d.occupancyId, {
        occupancyId: d.occupancyId,
        recognitionId: d.recognitionId,
        enterpriseId: d.enterpriseId,
        seatRef: d.seatRef,
        months: [...new Set([...prior, ...d.months])].sort(),
        released: false,
      });
      state.occupancySteps.set(d.stepId, { status: 'claimed', months: d.months });
      return state;
    }
    case 'OccupantMonthsRefused': {
      const d = event.data;
      state.occupancySteps.set(d.stepId, {
        status: 'refused',
        rule: d.rule,
        reason: occupancyReason(d.conflictsWith),
        conflictsWith: d.conflictsWith.map((c) => ({ ...c, rule: d.rule })),
      });
      return state;
    }
    case 'OccupantMonthsReleased': {
      const o = state.occupancies.get(event.data.occupancyId);
      if (o) o.released = true;
      state.occupancySteps.set(event.data.stepId, { status: 'released' });
      return state;
    }
    case 'PersonInternshipRewardReserved':
    case 'PersonInternshipRewardRefused':
    case 'PersonInternshipRewardReleased':
      return evolvePersonInternshipReward(state, event);
    default:
      return assertNever(event);
  }
}

/**
 * The months a holding still has: a live one's (a later step adds to them), a
 * released one's none. A released claim or occupancy taken again starts
 * afresh; its old months were given back and may be someone else's now.
 */
const heldMonths = (holding: { months: Month[]; released: boolean } | undefined): Month[] =>
  holding && !holding.released ? holding.months : [];

function assertNever(x: never): never {
  throw new Error(`unhandled event ${JSON.stringify(x)}`);
}

function occupancyReason(
  conflicts: readonly {
    claimId: string;
    enterpriseId: string;
    months: Month[];
    seatRef?: string;
  }[],
): string {
  const first = conflicts[0];
  const holder = first.seatRef === undefined ? 'claim' : `seat ${first.seatRef} (occupancy)`;
  return `months ${first.months.join(', ')} are already held by ${holder} ${first.claimId} of enterprise ${first.enterpriseId}`;
}

function duplicateReason(conflicts: readonly MonthConflict[]): string {
  const first = conflicts[0];
  return `months ${first.months.join(', ')} are already claimed by claim ${first.claimId} of enterprise ${first.enterpriseId}`;
}

export interface ClaimMonthsCommand {
  stepId: string;
  personKey: string;
  personIdMasked: string;
  claimId: string;
  applicationId: string;
  enterpriseId: string;
  months: Month[];
  filedOn: BusinessDate;
}

/** R-SEAT-6: claim the months for this claim, or refuse them naming the other claim. */
export function decideClaimMonths(state: PersonState, cmd: ClaimMonthsCommand): PersonEvent[] {
  if (state.steps.has(cmd.stepId)) return [];
  const live = [...state.claims.values()].filter((c) => !c.released);
  const occupied = [...state.occupancies.values()].filter((o) => !o.released);
  const conflicts = [
    ...monthConflicts(live, cmd.claimId, cmd.months),
    // R-SEAT-6 also against effective seats of other enterprises (seat-occupancy.rule.ts).
    ...claimConflictsWithOccupancies(occupied, cmd.enterpriseId, cmd.months),
  ];
  if (conflicts.length > 0) {
    return [
      {
        type: 'DuplicateClaimRefused',
        data: { ...cmd, rule: 'R-SEAT-6', conflictsWith: conflicts },
      },
    ];
  }
  return [{ type: 'PersonMonthsClaimed', data: { ...cmd } }];
}

export interface ReleaseMonthsCommand {
  stepId: string;
  personKey: string;
  claimId: string;
  reason: string;
  releasedOn: BusinessDate;
}

/** A rejected claim gives its months back, so another employer's honest claim is not refused. */
export function decideReleaseMonths(state: PersonState, cmd: ReleaseMonthsCommand): PersonEvent[] {
  if (state.steps.has(cmd.stepId)) return [];
  const claim = state.claims.get(cmd.claimId);
  if (!claim || claim.released) return [];
  return [{ type: 'PersonMonthsReleased', data: { ...cmd } }];
}

export interface ReserveCapCommand {
  reservationId: string;
  personKey: string;
  trancheId: string;
  claimId: string;
  applicationId: string;
  enterpriseId: string;
  requestedFen: Fen;
  decidedOn: BusinessDate;
}

/** R-SEAT-5: reserve the lesser of the tranche amount and what is left of the cap. */
export function decideReserveCap(
  state: PersonState,
  cmd: ReserveCapCommand,
  policy: PolicyVersion,
): PersonEvent[] {
  if (state.reservationOutcomes.has(cmd.reservationId)) return [];
  const decision = personCapRule(state.usedFen, cmd.requestedFen, policy);
  const common = {
    ...cmd,
    usedFenBefore: state.usedFen,
    capFen: policy.seat.personCapFen,
    policyVersion: policy.id,
  };
  if ('refusal' in decision) {
    return [{ type: 'CapReservationRefused', data: { ...common, ...decision.refusal } }];
  }
  return [{ type: 'CapReserved', data: { ...common, amountFen: decision.amountFen } }];
}

export interface ReleaseCapCommand {
  reservationId: string;
  personKey: string;
  releasedOn: BusinessDate;
  reason: string;
  cause: { kind: string; id: string };
}

export function decideReleaseCap(state: PersonState, cmd: ReleaseCapCommand): PersonEvent[] {
  const r = state.reservations.get(cmd.reservationId);
  if (!r || r.released) return [];
  return [
    {
      type: 'CapReleased',
      data: { ...cmd, enterpriseId: r.enterpriseId, amountFen: r.amountFen },
    },
  ];
}

export interface ClaimOccupantMonthsCommand {
  stepId: string;
  personKey: string;
  personIdMasked: string;
  occupancyId: string;
  recognitionId: string;
  enterpriseId: string;
  seatRef: string;
  months: Month[];
  recognizedOn: BusinessDate;
}

/**
 * R-EFF with R-SEAT-6: put the person in an effective seat for these months,
 * or refuse naming what holds them (seat-occupancy.rule.ts). Idempotent on
 * the step id.
 */
export function decideClaimOccupantMonths(
  state: PersonState,
  cmd: ClaimOccupantMonthsCommand,
): PersonEvent[] {
  if (state.occupancySteps.has(cmd.stepId)) return [];
  const claims = [...state.claims.values()].filter((c) => !c.released);
  const occupied = [...state.occupancies.values()].filter((o) => !o.released);
  const conflicts = occupancyConflicts(claims, occupied, cmd);
  if (conflicts.length > 0) {
    // Another employer is the stronger finding; name it first.
    const rule = conflicts.some((c) => c.rule === 'R-SEAT-6') ? 'R-SEAT-6' : 'R-EFF';
    return [
      {
        type: 'OccupantMonthsRefused',
        data: {
          ...cmd,
          rule,
          conflictsWith: conflicts.filter((c) => c.rule === rule).map(({ rule: _rule, ...c }) => c),
        },
      },
    ];
  }
  return [{ type: 'OccupantMonthsClaimed', data: { ...cmd } }];
}

export interface ReleaseOccupantMonthsCommand {
  stepId: string;
  personKey: string;
  occupancyId: string;
  reason: string;
  releasedOn: BusinessDate;
}

/** The months of an occupant of a refused seat go back; idempotent. */
export function decideReleaseOccupantMonths(
  state: PersonState,
  cmd: ReleaseOccupantMonthsCommand,
): PersonEvent[] {
  if (state.occupancySteps.has(cmd.stepId)) return [];
  const o = state.occupancies.get(cmd.occupancyId);
  if (!o || o.released) return [];
  return [{ type: 'OccupantMonthsReleased', data: { ...cmd } }];
}
