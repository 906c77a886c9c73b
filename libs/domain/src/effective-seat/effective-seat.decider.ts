import { policyValidityRule } from '../rules/policy-validity.rule';
import { BusinessDate, Month, monthOf } from '../shared/business-date';
import { conflict, invalidInput, notFound, ruleViolation } from '../shared/ledger-error';
import { EffectivePolicy, policyIdsOf } from '../policy/effective-policy';
import { EnterpriseState } from '../enterprise/enterprise.decider';
import {
  effectiveSeatRule,
  effectiveSeatsOn,
  RecognitionCount,
} from '../rules/effective-seat.rule';
import { qualifyingMonths } from '../rules/qualifying-months.rule';
import {
  CandidateSeat,
  EffectiveSeatEvent,
  occupancyIdOf,
  SeatOutcome,
  SeatRefusal,
} from './effective-seat.events';

/** Limits on one recognition: a request can never grow without bound. */
export const EFFECTIVE_SEAT_LIMITS = { seatsMax: 20_000 } as const;

export interface LeaseSeatCount {
  trancheId: string;
  siteId: string;
  leaseYearFrom: BusinessDate;
  leaseYearTo: BusinessDate;
  /** The enterprise's effective seats on the decision date, and those this lease counts. */
  effectiveSeats: number;
  seats: number;
  released: boolean;
}

export interface EffectiveSeatsState {
  enterpriseId: string;
  /** Finished recognitions, in the order they were recorded. */
  recognitions: RecognitionCount[];
  /** Every recognition started, finished or not, by id. */
  started: Map<
    string,
    {
      recognizedOn: BusinessDate;
      policyVersion: string;
      specialTermsId?: string;
      candidates: CandidateSeat[];
      refused: SeatRefusal[];
      outcome?: SeatOutcome[];
      recognized?: number;
    }
  >;
  openProcesses: Set<string>;
  /** R-SITE-LEASE: seats each lease tranche counted, by tranche id. */
  leaseCounts: Map<string, LeaseSeatCount>;
}

export const initialEffectiveSeatsState = (): EffectiveSeatsState => ({
  enterpriseId: '',
  recognitions: [],
  started: new Map(),
  openProcesses: new Set(),
  leaseCounts: new Map(),
});

/** Mutates and returns `state`; callers fold from a fresh initial state. */
export function evolveEffectiveSeats(
  state: EffectiveSeatsState,
  event: EffectiveSeatEvent,
): EffectiveSeatsState {
  switch (event.type) {
    case 'EffectiveSeatRecognitionStarted': {
      const d = event.data;
      state.enterpriseId = d.enterpriseId;
      state.started.set(d.recognitionId, {
        recognizedOn: d.recognizedOn,
        policyVersion: d.policyVersion,
        specialTermsId: d.specialTermsId,
        candidates: d.candidates,
        refused: d.refused,
      });
      state.openProcesses.add(d.processId);
      return state;
    }
    case 'EffectiveSeatsRecognized': {
      const d = event.data;
      state.enterpriseId = d.enterpriseId;
      const started = state.started.get(d.recognitionId);
      if (started) {
        started.outcome = d.seats;
        started.recognized = d.recognized;
      }
      state.recognitions.push({
        recognitionId: d.recognitionId,
        recognizedOn: d.recognizedOn,
        recognized: d.recognized,
      });
      state.openProcesses.delete(d.processId);
      return state;
    }
    case 'LeaseSeatsCounted': {
      const d = event.data;
      state.enterpriseId = d.enterpriseId;
      state.leaseCounts.set(d.trancheId, {
        trancheId: d.trancheId,
        siteId: d.siteId,
        leaseYearFrom: d.leaseYearFrom,
        leaseYearTo: d.leaseYearTo,
        effectiveSeats: d.effectiveSeats,
        seats: d.seats,
        released: false,
      });
      return state;
    }
    case 'LeaseSeatsReleased': {
      const c = state.leaseCounts.get(event.data.trancheId);
      if (c) c.released = true;
      return state;
    }
    default: {
      const never: never = event;
      throw new Error(`unhandled event ${JSON.stringify(never)}`);
    }
  }
}

export function foldEffectiveSeats(events: readonly EffectiveSeatEvent[]): EffectiveSeatsState {
  return events.reduce(evolveEffectiveSeats, initialEffectiveSeatsState());
}

export interface RecognizeEffectiveSeatsCommand {
  recognitionId: string;
  enterpriseId: string;
  recognizedOn: BusinessDate;
  recognizedBy: string;
  seats: {
    seatRef: string;
    occupants: {
      personKey: string;
      personId: string;
      personIdMasked: string;
      name: string;
      wageMonths: Month[];
      insuranceMonths: Month[];
    }[];
  }[];
}

/**
 * RecognizeEffectiveSeats, step 0 (R-EFF): the roster as a whole; each seat
 * checked for its occupants and months. Seats that pass go to their
 * occupants' person streams (one employer a month, no person in two seats).
 */
export function decideStartRecognition(
  state: EffectiveSeatsState,
  enterprise: EnterpriseState,
  cmd: RecognizeEffectiveSeatsCommand,
  effective: EffectivePolicy,
): EffectiveSeatEvent[] {
  if (!enterprise.registered) throw notFound(`enterprise ${cmd.enterpriseId}`);
  const validity = policyValidityRule(
    effective.policy,
    cmd.recognizedOn,
    'effective-seat recognition',
  );
  if (validity) throw ruleViolation(validity.rule, validity.reason);
  if (state.started.has(cmd.recognitionId)) {
    throw conflict(`recognition ${cmd.recognitionId} already exists`);
  }
  if (state.openProcesses.size > 0) {
    throw conflict(
      `effective seats of ${cmd.enterpriseId} are still being recognised; retry shortly`,
    );
  }
  if (cmd.seats.length === 0) throw invalidInput('seats', 'at least one seat is needed');
  if (cmd.seats.length > EFFECTIVE_SEAT_LIMITS.seatsMax) {
    throw invalidInput('seats', `at most ${EFFECTIVE_SEAT_LIMITS.seatsMax} seats`);
  }
  const recognizedMonth = monthOf(cmd.recognizedOn);
  const seatRefs = new Set<string>();
  const candidates: CandidateSeat[] = [];
  const refused: SeatRefusal[] = [];
  cmd.seats.forEach((seat, i) => {
    if (seatRefs.has(seat.seatRef)) throw invalidInput(`seats.${i}.seatRef`, 'named twice');
    seatRefs.add(seat.seatRef);
    const persons = new Set<string>();
    seat.occupants.forEach((o, j) => {
      if (persons.has(o.personKey)) {
        throw invalidInput(`seats.${i}.occupants.${j}.personId`, 'the same person twice in a seat');
      }
      persons.add(o.personKey);
      const late = [...o.wageMonths, ...o.insuranceMonths].find((m) => m > recognizedMonth);
      if (late) {
        throw ruleViolation(
          'R-EFF',
          `month ${late} is after the month of the recognition (${recognizedMonth})`,
          { field: `seats.${i}.occupants.${j}` },
        );
      }
    });
    const decision = effectiveSeatRule(seat.occupants, cmd.recognizedOn, effective.policy);
    if ('refusal' in decision) {
      refused.push({ seatRef: seat.seatRef, ...decision.refusal });
      return;
    }
    candidates.push({
      seatRef: seat.seatRef,
      occupancyId: occupancyIdOf(cmd.recognitionId, seat.seatRef),
      months: decision.months,
      occupants: seat.occupants.map((o) => ({
        ...o,
        months: qualifyingMonths(o.wageMonths, o.insuranceMonths, cmd.recognizedOn),
      })),
    });
  });
  return [
    {
      type: 'EffectiveSeatRecognitionStarted',
      data: {
        processId: cmd.recognitionId,
        recognitionId: cmd.recognitionId,
        enterpriseId: cmd.enterpriseId,
        recognizedOn: cmd.recognizedOn,
        recognizedBy: cmd.recognizedBy,
        ...policyIdsOf(effective),
        candidates,
        refused,
      },
    },
  ];
}

/** RecognizeEffectiveSeats, last step: which seats are effective (the count from this date). */
export function decideCompleteRecognition(
  state: EffectiveSeatsState,
  recognitionId: string,
  outcomes: ReadonlyMap<string, SeatOutcome>,
): EffectiveSeatEvent[] {
  const started = state.started.get(recognitionId);
  if (!started || !state.openProcesses.has(recognitionId)) return [];
  const seats: SeatOutcome[] = [];
  for (const c of started.candidates) {
    const o = outcomes.get(c.seatRef);
    if (!o) throw new Error(`seat ${c.seatRef} of ${recognitionId} has no outcome yet`);
    seats.push(o);
  }
  for (const r of started.refused) {
    seats.push({
      seatRef: r.seatRef,
      status: 'refused',
      months: 0,
      occupants: 0,
      rule: r.rule,
      reason: r.reason,
    });
  }
  return [
    {
      type: 'EffectiveSeatsRecognized',
      data: {
        processId: recognitionId,
        recognitionId,
        enterpriseId: state.enterpriseId,
        recognizedOn: started.recognizedOn,
        policyVersion: started.policyVersion,
        ...(started.specialTermsId === undefined ? {} : { specialTermsId: started.specialTermsId }),
        recognized: seats.filter((s) => s.status === 'recognized').length,
        seats,
      },
    },
  ];
}

/** R-EFF: the enterprise's effective-seat count on a date, from its own stream. */
export function effectiveSeatCountOn(state: EffectiveSeatsState, date: BusinessDate) {
  return effectiveSeatsOn(state.recognitions, date);
}

export interface CountLeaseSeatsCommand {
  trancheId: string;
  siteId: string;
  enterpriseId: string;
  decidedOn: BusinessDate;
  leaseYearFrom: BusinessDate;
  leaseYearTo: BusinessDate;
  /** The day the seats are counted on (`leaseSeatsCountedOn`); the decision date when absent. */
  countedOn?: BusinessDate;
}

/**
 * R-SITE-LEASE step: the seats a lease tranche pays for are the enterprise's
 * effective seats on the day the year is counted on (its decision date, or
 * the year's last day for a year decided after it ended), less those another
 * lease of the same enterprise already counts for a lease year containing
 * that day (Art. 15: a seat is paid once a year, however many offices it
 * leases). Idempotent on the tranche id.
 */
export function decideCountLeaseSeats(
  state: EffectiveSeatsState,
  cmd: CountLeaseSeatsCommand,
): EffectiveSeatEvent[] {
  if (state.leaseCounts.has(cmd.trancheId)) return [];
  const on = cmd.countedOn ?? cmd.decidedOn;
  const { effectiveSeats, recognition } = effectiveSeatCountOn(state, on);
  let countedElsewhere = 0;
  for (const c of state.leaseCounts.values()) {
    if (c.released || c.siteId === cmd.siteId) continue;
    if (c.leaseYearFrom <= on && on <= c.leaseYearTo) countedElsewhere += c.seats;
  }
  return [
    {
      type: 'LeaseSeatsCounted',
      data: {
        ...cmd,
        effectiveSeats,
        countedElsewhere,
        seats: Math.max(0, effectiveSeats - countedElsewhere),
        ...(recognition ? { recognitionId: recognition.recognitionId } : {}),
      },
    },
  ];
}

/** A lease tranche withdrawn (an upheld objection) gives its seats back for that year; idempotent. */
export function decideReleaseLeaseSeats(
  state: EffectiveSeatsState,
  cmd: { trancheId: string; releasedOn: BusinessDate; reason: string },
): EffectiveSeatEvent[] {
  const c = state.leaseCounts.get(cmd.trancheId);
  if (!c || c.released) return [];
  return [
    {
      type: 'LeaseSeatsReleased',
      data: { ...cmd, siteId: c.siteId, enterpriseId: state.enterpriseId, seats: c.seats },
    },
  ];
}
