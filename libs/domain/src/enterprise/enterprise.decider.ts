import { BusinessDate } from '../shared/business-date';
import { conflict, invalidInput, notFound } from '../shared/ledger-error';
import { Fen, isFen } from '../shared/money';
import { PolicyVersion } from '../policy/policy-version';
import { EnterpriseStanding } from '../rules/enterprise-suspension.rule';
import { firstTrancheMonthsRequired } from '../rules/first-tranche-months.rule';
import { StandingCheck } from '../rules/site-conditions.rule';
import { seatCountOn, seatsHeldRule, VerifiedSeatCount } from '../rules/seats-held.rule';
import { SpecialTermsRecord } from '../rules/special-terms.rule';
import { PendingClearance } from '../tranche/tranche-clearance';
import { EnterpriseEvent, Industry } from './enterprise.events';

export interface ApplicationRegistration {
  ordinal: number;
  firstTrancheMonths: number;
  /** R-SEAT-8: the first `claimsAdmitted` claims hold a seat; undefined before R-SEAT-8. */
  claimsAdmitted?: number;
  /** R-SEAT-8: why the claims beyond `claimsAdmitted` were refused. */
  seatRefusal?: string;
}

export interface EnterpriseState {
  registered: boolean;
  enterpriseId: string;
  name: string;
  industry: Industry | undefined;
  seats: number;
  /** applicationId → what the registration step decided. */
  applications: Map<string, ApplicationRegistration>;
  /** R-SEAT-8: open claims holding a seat (admitted at registration, not yet released). */
  seatsHeld: number;
  /**
   * R-SEAT-8: claims whose seat was released → the id of what released it
   * (`SeatsReleased.cause.id`), so that a returned payment takes back exactly
   * the seats its paid-in-full released.
   */
  releasedClaims: Map<string, string>;
  /** R-SEAT-8: verified seat counts, in the order recorded. */
  verifiedSeatCounts: VerifiedSeatCount[];
  /** Suspensions in force, by the case that suspended it (R-FRAUD). */
  suspensions: Map<string, { caseId: string; suspendedOn: BusinessDate }>;
  /** Cases whose suspension was lifted: a retried step does not suspend again. */
  liftedSuspensions: Set<string>;
  /** Approvals and payments cleared since the last suspension (ADR 0014), by clearance id. */
  pendingClearances: Map<string, PendingClearance>;
  /** Cases suspending it whose suspension is not recorded yet: no clearance meanwhile. */
  clearanceStops: Set<string>;
  /** R-SEAT-7 reports already recorded, by report id. */
  fundUseReports: Set<string>;
  /** R-SPECIAL: special terms, in the order they were proposed. */
  specialTerms: SpecialTermsRecord[];
  /** R-SITE-COND: standing checks, in the order they were recorded. */
  standingChecks: StandingCheck[];
}

export const initialEnterpriseState = (): EnterpriseState => ({
  registered: false,
  enterpriseId: '',
  name: '',
  industry: undefined,
  seats: 0,
  applications: new Map(),
  seatsHeld: 0,
  releasedClaims: new Map(),
  verifiedSeatCounts: [],
  suspensions: new Map(),
  liftedSuspensions: new Set(),
  pendingClearances: new Map(),
  clearanceStops: new Set(),
  fundUseReports: new Set(),
  specialTerms: [],
  standingChecks: [],
});

/** Mutates and returns `state`; callers fold from a fresh initial state. */
export function evolveEnterprise(state: EnterpriseState, event: EnterpriseEvent): EnterpriseState {
  switch (event.type) {
    case 'EnterpriseRegistered':
      state.registered = true;
      state.enterpriseId = event.data.enterpriseId;
      state.name = event.data.name;
      state.industry = event.data.industry;
      state.seats = event.data.seats;
      return state;
    case 'SeatApplicationRegistered': {
      const d = event.data;
      state.applications.set(d.applicationId, {
        ordinal: d.ordinal,
        firstTrancheMonths: d.firstTrancheMonths,
        ...(d.claimsAdmitted === undefined ? {} : { claimsAdmitted: d.claimsAdmitted }),
        ...(d.seatRefusal === undefined ? {} : { seatRefusal: d.seatRefusal }),
      });
      state.seatsHeld += d.claimsAdmitted ?? 0;
      return state;
    }
    case 'SeatCountVerified': {
      const { verifiedOn, seats, inspectionRef } = event.data;
      state.verifiedSeatCounts.push({ verifiedOn, seats, inspectionRef });
      return state;
    }
    case 'SeatsReleased':
      for (const claimId of event.data.claimIds)
        state.releasedClaims.set(claimId, event.data.cause.id);
      state.seatsHeld -= event.data.claimIds.length;
      return state;
    case 'SeatsRetaken':
      for (const claimId of event.data.claimIds) state.releasedClaims.delete(claimId);
      state.seatsHeld += event.data.claimIds.length;
      return state;
    case 'EnterpriseSuspended':
      state.suspensions.set(event.data.caseId, {
        caseId: event.data.caseId,
        suspendedOn: event.data.suspendedOn,
      });
      // Every clearance granted before it was settled by the suspending step.
      state.pendingClearances.clear();
      state.clearanceStops.delete(event.data.caseId);
      return state;
    case 'EnterpriseSuspensionLifted':
      state.suspensions.delete(event.data.caseId);
      state.liftedSuspensions.add(event.data.caseId);
      return state;
    case 'FundUseReported':
      state.fundUseReports.add(event.data.reportId);
      return state;
    case 'SpecialTermsProposed': {
      const d = event.data;
      state.specialTerms.push({
        termsId: d.termsId,
        documentRef: d.documentRef,
        basis: d.basis,
        overrides: d.overrides,
        validFrom: d.validFrom,
        validTo: d.validTo,
        proposedOn: d.proposedOn,
        proposedBy: d.proposedBy,
        status: 'proposed',
      });
      return state;
    }
    case 'SpecialTermsConfirmed': {
      const terms = state.specialTerms.find((t) => t.termsId === event.data.termsId);
      if (terms) {
        terms.status = 'confirmed';
        terms.confirmedOn = event.data.confirmedOn;
        terms.confirmedBy = event.data.confirmedBy;
      }
      return state;
    }
    case 'TrancheClearanceGranted': {
      const { clearanceId, action, trancheId, grantedOn } = event.data;
      state.pendingClearances.set(clearanceId, { clearanceId, action, trancheId, grantedOn });
      return state;
    }
    case 'TrancheClearancesStopped':
      state.clearanceStops.add(event.data.caseId);
      return state;
    case 'StandingChecked': {
      const { checkId, checkedOn, normalOperation, badCreditRecord, source } = event.data;
      state.standingChecks.push({ checkId, checkedOn, normalOperation, badCreditRecord, source });
      return state;
    }
    default: {
      const never: never = event;
      throw new Error(`unhandled event ${JSON.stringify(never)}`);
    }
  }
}

export interface RegisterEnterpriseCommand {
  enterpriseId: string;
  name: string;
  industry: Industry;
  seats: number;
  registeredOn: BusinessDate;
}

export function decideRegisterEnterprise(
  state: EnterpriseState,
  cmd: RegisterEnterpriseCommand,
): EnterpriseEvent[] {
  if (state.registered) throw conflict(`enterprise ${cmd.enterpriseId} is already registered`);
  return [{ type: 'EnterpriseRegistered', data: { ...cmd } }];
}

export function requireEnterprise(state: EnterpriseState, enterpriseId: string): EnterpriseState {
  if (!state.registered) throw notFound(`enterprise ${enterpriseId}`);
  return state;
}

export interface RegisterSeatApplicationCommand {
  applicationId: string;
  submittedOn: BusinessDate;
  /** R-SEAT-8: the claims the application asks seats for (always given by the submission process). */
  claimCount?: number;
}

/**
 * Step 1 of a submission; idempotent on the application id. Numbers the
 * application (R-SEAT-2) and decides which of its claims hold a seat
 * (R-SEAT-8), here, on the one stream every submission of the enterprise
 * appends to, so concurrent submissions cannot both take the last seat.
 */
export function decideRegisterSeatApplication(
  state: EnterpriseState,
  cmd: RegisterSeatApplicationCommand,
  policy: PolicyVersion,
  /** R-SPECIAL: the enterprise's special terms `policy` is overlaid with, if any. */
  specialTermsId?: string,
): EnterpriseEvent[] {
  if (state.applications.has(cmd.applicationId)) return [];
  const prior = state.applications.size;
  const { claimCount, ...registration } = cmd;
  return [
    {
      type: 'SeatApplicationRegistered',
      data: {
        ...registration,
        ordinal: prior + 1,
        firstTrancheMonths: firstTrancheMonthsRequired(cmd.submittedOn, prior, policy),
        policyVersion: policy.id,
        ...(specialTermsId === undefined ? {} : { specialTermsId }),
        ...(claimCount === undefined ? {} : seatAdmission(state, claimCount, cmd.submittedOn)),
      },
    },
  ];
}

/** R-SEAT-8: how many of `claimCount` new claims fit beside the claims already open. */
function seatAdmission(state: EnterpriseState, claimCount: number, date: BusinessDate) {
  const count = seatCountOn(state.seats, state.verifiedSeatCounts, date);
  const { admitted, refusal } = seatsHeldRule(state.seatsHeld, count, claimCount, date);
  return {
    claimCount,
    claimsAdmitted: admitted,
    seatCount: count.seats,
    seatsHeldBefore: state.seatsHeld,
    ...(refusal === undefined ? {} : { seatRefusal: refusal.reason }),
  };
}

/** What approval and payment need to know (R-FRAUD); a suspension being recorded counts (ADR 0014). */
export function standingOf(state: EnterpriseState, enterpriseId: string): EnterpriseStanding {
  const cases = new Set([...state.suspensions.keys(), ...state.clearanceStops]);
  return { enterpriseId, suspendedByCaseIds: [...cases] };
}

export interface SuspendEnterpriseCommand {
  caseId: string;
  suspendedOn: BusinessDate;
  reason: string;
}

/**
 * A step of opening a case with suspension, or of its first finding (R-FRAUD);
 * idempotent on the case id: a retried step, or one after the case already
 * lifted it, writes nothing. The process settles `pendingClearances` first.
 */
export function decideSuspendEnterprise(
  state: EnterpriseState,
  cmd: SuspendEnterpriseCommand,
): EnterpriseEvent[] {
  if (state.suspensions.has(cmd.caseId) || state.liftedSuspensions.has(cmd.caseId)) return [];
  return [{ type: 'EnterpriseSuspended', data: { enterpriseId: state.enterpriseId, ...cmd } }];
}

export interface LiftSuspensionCommand {
  caseId: string;
  liftedOn: BusinessDate;
  reason: string;
}

/**
 * A step of closing the case, or of the recovery that repays what a closed
 * case found due back: lifts that case's suspension only; idempotent.
 */
export function decideLiftSuspension(
  state: EnterpriseState,
  cmd: LiftSuspensionCommand,
): EnterpriseEvent[] {
  if (!state.suspensions.has(cmd.caseId)) return [];
  return [
    { type: 'EnterpriseSuspensionLifted', data: { enterpriseId: state.enterpriseId, ...cmd } },
  ];
}

export interface ReportFundUseCommand {
  enterpriseId: string;
  reportId: string;
  reportedOn: BusinessDate;
  educationFen: Fen;
  otherFen: Fen;
  reportedBy: string;
}

/** R-SEAT-7: the enterprise reports what it spent on staff education and on anything else. */
export function decideReportFundUse(
  state: EnterpriseState,
  cmd: ReportFundUseCommand,
): EnterpriseEvent[] {
  requireEnterprise(state, cmd.enterpriseId);
  if (state.fundUseReports.has(cmd.reportId)) return [];
  for (const field of ['educationFen', 'otherFen'] as const) {
    if (!isFen(cmd[field]) || cmd[field] < 0) {
      throw invalidInput(field, 'must be a non-negative whole number of fen');
    }
  }
  if (cmd.educationFen + cmd.otherFen === 0) {
    throw invalidInput('educationFen', 'a report must spend something');
  }
  return [{ type: 'FundUseReported', data: { ...cmd } }];
}
