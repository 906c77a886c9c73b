import { BusinessDate } from '../shared/business-date';
import { conflict, invalidInput, notFound } from '../shared/ledger-error';
import { Fen, isFen } from '../shared/money';
import { PolicyVersion } from '../policy/policy-version';
import { EnterpriseStanding } from '../rules/enterprise-suspension.rule';
import { firstTrancheMonthsRequired } from '../rules/first-tranche-months.rule';
import { EnterpriseEvent, Industry } from './enterprise.events';

export interface EnterpriseState {
  registered: boolean;
  enterpriseId: string;
  name: string;
  industry: Industry | undefined;
  seats: number;
  /** applicationId → what the registration step decided. */
  applications: Map<string, { ordinal: number; firstTrancheMonths: number }>;
  /** Suspensions in force, by the case that suspended it (R-FRAUD). */
  suspensions: Map<string, { caseId: string; suspendedOn: BusinessDate }>;
  /** Cases whose suspension was lifted: a retried step does not suspend again. */
  liftedSuspensions: Set<string>;
  /** R-SEAT-7 reports already recorded, by report id. */
  fundUseReports: Set<string>;
}

export const initialEnterpriseState = (): EnterpriseState => ({
  registered: false,
  enterpriseId: '',
  name: '',
  industry: undefined,
  seats: 0,
  applications: new Map(),
  suspensions: new Map(),
  liftedSuspensions: new Set(),
  fundUseReports: new Set(),
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
    case 'SeatApplicationRegistered':
      state.applications.set(event.data.applicationId, {
        ordinal: event.data.ordinal,
        firstTrancheMonths: event.data.firstTrancheMonths,
      });
      return state;
    case 'EnterpriseSuspended':
      state.suspensions.set(event.data.caseId, {
        caseId: event.data.caseId,
        suspendedOn: event.data.suspendedOn,
      });
      return state;
    case 'EnterpriseSuspensionLifted':
      state.suspensions.delete(event.data.caseId);
      state.liftedSuspensions.add(event.data.caseId);
      return state;
    case 'FundUseReported':
      state.fundUseReports.add(event.data.reportId);
      return state;
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

/** Step 1 of a submission; idempotent on the application id. */
export function decideRegisterSeatApplication(
  state: EnterpriseState,
  cmd: { applicationId: string; submittedOn: BusinessDate },
  policy: PolicyVersion,
): EnterpriseEvent[] {
  if (state.applications.has(cmd.applicationId)) return [];
  const prior = state.applications.size;
  return [
    {
      type: 'SeatApplicationRegistered',
      data: {
        ...cmd,
        ordinal: prior + 1,
        firstTrancheMonths: firstTrancheMonthsRequired(cmd.submittedOn, prior, policy),
        policyVersion: policy.id,
      },
    },
  ];
}

/** What tranche approval and payment need to know: is a case suspending it (R-FRAUD)? */
export function standingOf(state: EnterpriseState, enterpriseId: string): EnterpriseStanding {
  return { enterpriseId, suspendedByCaseIds: [...state.suspensions.keys()] };
}

export interface SuspendEnterpriseCommand {
  caseId: string;
  suspendedOn: BusinessDate;
  reason: string;
}

/**
 * A step of opening a case with suspension (R-FRAUD); idempotent on the case
 * id: a retried step, or one after the case already lifted it, writes nothing.
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

/** A step of closing the case: lifts that case's suspension only; idempotent. */
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
