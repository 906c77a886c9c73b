import { BusinessDate } from '../shared/business-date';
import { conflict, ruleViolation } from '../shared/ledger-error';
import { SeatApplicationEvent } from './seat-application.events';
import { decisionDateOrderRule } from '../rules/decision-date-order.rule';
import { refused, requireTranche } from './seat-application.guards';
import {
  currentTrancheAmountFen,
  SeatApplicationState,
  TrancheState,
} from './seat-application.state';

/** A tranche that can be put on a notice: approved, not yet published. */
export function checkPublishable(
  state: SeatApplicationState,
  trancheId: string,
  startsOn: BusinessDate,
): TrancheState {
  const t = requireTranche(state, trancheId);
  if (t.status !== 'approved')
    throw conflict(`tranche ${trancheId} is still being approved; retry shortly`);
  if (t.publicity)
    throw conflict(`tranche ${trancheId} is already on notice ${t.publicity.publicityId}`);
  const date = decisionDateOrderRule('publicity', startsOn, t.decidedOn, `tranche ${trancheId}`);
  if (date) throw refused(date);
  if (currentTrancheAmountFen(t) === 0)
    throw ruleViolation('R-PUB', `tranche ${trancheId} pays nobody`);
  return t;
}

/** Step of a publicity: links the tranche to its notice; idempotent. */
export function decidePublicizeTranche(
  state: SeatApplicationState,
  cmd: { trancheId: string; publicityId: string; startsOn: BusinessDate; endsOn: BusinessDate },
): SeatApplicationEvent[] {
  const t = state.tranches.get(cmd.trancheId);
  if (!t || t.publicity) return [];
  return [{ type: 'TranchePublicized', data: { applicationId: state.applicationId, ...cmd } }];
}

/** Step of an upheld objection: takes the claim out of its unpaid tranche. */
export function decideWithdrawClaim(
  state: SeatApplicationState,
  cmd: {
    trancheId: string;
    claimId: string;
    withdrawnOn: BusinessDate;
    objectionId: string;
    publicityId: string;
  },
): SeatApplicationEvent[] {
  const t = state.tranches.get(cmd.trancheId);
  if (!t || t.disbursement || t.withdrawn.has(cmd.claimId)) return [];
  const included = t.included.find((c) => c.claimId === cmd.claimId);
  if (!included) return [];
  return [
    {
      type: 'ClaimWithdrawnFromTranche',
      data: {
        applicationId: state.applicationId,
        enterpriseId: state.enterpriseId,
        trancheId: cmd.trancheId,
        claimId: cmd.claimId,
        personKey: included.personKey,
        reservationId: included.reservationId,
        amountFen: included.amountFen,
        withdrawnOn: cmd.withdrawnOn,
        cause: { kind: 'objection', id: cmd.objectionId, publicityId: cmd.publicityId },
      },
    },
  ];
}
