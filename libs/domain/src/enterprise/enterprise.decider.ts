import { BusinessDate } from '../shared/business-date';
import { conflict, notFound } from '../shared/ledger-error';
import { PolicyVersion } from '../policy/policy-version';
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
}

export const initialEnterpriseState = (): EnterpriseState => ({
  registered: false,
  enterpriseId: '',
  name: '',
  industry: undefined,
  seats: 0,
  applications: new Map(),
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
