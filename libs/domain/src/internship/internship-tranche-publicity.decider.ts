import { BusinessDate } from '../shared/business-date';
import { checkTranchePublishable } from '../tranche/payable-tranche';
import { InternshipEvent } from './internship.events';
import { requireInternshipTranche } from './internship.guards';
import { InternshipState, InternshipTrancheState } from './internship.state';

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
