import { BusinessDate } from '../shared/business-date';
import { conflict, LedgerError, ruleConflict, ruleViolation } from '../shared/ledger-error';
import { Fen } from '../shared/money';
import { PolicyVersion } from '../policy/policy-version';
import { decisionDateOrderRule } from '../rules/decision-date-order.rule';
import { EnterpriseStanding } from '../rules/enterprise-suspension.rule';
import {
  paymentAfterPublicityRule,
  PublicityForPayment,
} from '../rules/payment-after-publicity.rule';
import { paymentAmountRule } from '../rules/payment-amount.rule';
import { returnedPaymentIdRule } from '../rules/returned-payment-id.rule';
import { segregationOfDutiesRule } from '../rules/segregation-of-duties.rule';
import { trancheWindowRule } from '../rules/tranche-window.rule';
import { requireNotSuspended } from '../tranche/payable-tranche';
import { clearanceField, requireClearance } from '../tranche/tranche-clearance';
import { paidInFullProcessIdOf } from './paid-in-full.decider';
import { SeatApplicationEvent } from './seat-application.events';
import { firstTrancheApprovedOn, refused, requireTranche } from './seat-application.guards';
import {
  currentTrancheAmountFen,
  SeatApplicationState,
  TrancheState,
} from './seat-application.state';

export interface RecordDisbursementCommand {
  disbursementId: string;
  trancheId: string;
  paidOn: BusinessDate;
  amountFen: Fen;
  bankRef: string;
  paidBy: string;
  /** R-FRAUD (ADR 0014): granted on the enterprise's stream just before; refused if revoked. */
  clearanceId?: string;
}

/**
 * RecordDisbursement: R-FRAUD (suspension), R-SOD, R-PUB, R-PAY and R-SEAT-4
 * on the tranche. The bank reference's uniqueness is decided on its own stream
 * before this is appended.
 */
export function checkDisbursement(
  state: SeatApplicationState,
  cmd: RecordDisbursementCommand,
  publicity: PublicityForPayment | undefined,
  policy: PolicyVersion,
  standing: EnterpriseStanding,
): TrancheState {
  const t = requireTranche(state, cmd.trancheId);
  requireNotSuspended(standing, 'record payments');
  requireClearance(state.clearances, cmd.clearanceId, cmd.trancheId);
  const sod = segregationOfDutiesRule(cmd.paidBy, state.reviewerIds, 'record payments');
  if (sod) throw new LedgerError('forbidden', sod.reason, sod.rule);
  if (t.status !== 'approved')
    throw conflict(`tranche ${cmd.trancheId} is still being approved; retry shortly`);
  if (t.disbursement) {
    throw conflict(`tranche ${cmd.trancheId} was already paid (${t.disbursement.disbursementId})`, {
      rule: 'R-PAY',
      disbursementId: t.disbursement.disbursementId,
    });
  }
  const again = returnedPaymentIdRule(t.returned, cmd.disbursementId);
  if (again) throw ruleConflict(again.rule, again.reason);
  if (cmd.paidOn < t.decidedOn) {
    throw ruleViolation(
      'R-PAY',
      `a payment cannot predate its tranche's approval (${t.decidedOn})`,
    );
  }
  const date = decisionDateOrderRule(
    'payment',
    cmd.paidOn,
    publicity?.endsOn,
    `notice ${publicity?.publicityId}`,
  );
  if (date) throw refused(date);
  const pub = paymentAfterPublicityRule(publicity, cmd.paidOn);
  if (pub) throw refused(pub);
  const amount = paymentAmountRule(cmd.amountFen, currentTrancheAmountFen(t));
  if (amount) throw refused(amount);
  const windowRefusal = trancheWindowRule(
    firstTrancheApprovedOn(state),
    cmd.paidOn,
    policy,
    'payment',
  );
  if (windowRefusal) throw refused(windowRefusal);
  return t;
}

export function decideRecordDisbursement(
  state: SeatApplicationState,
  cmd: RecordDisbursementCommand,
  publicity: PublicityForPayment | undefined,
  policy: PolicyVersion,
  standing: EnterpriseStanding,
): SeatApplicationEvent[] {
  const t = checkDisbursement(state, cmd, publicity, policy, standing);
  // R-SEAT-8: the last tranche pays its claims in full; their seats are then given back.
  const last = t.tranche >= policy.seat.trancheCount;
  return [
    {
      type: 'TrancheDisbursed',
      data: {
        ...(last
          ? { processId: paidInFullProcessIdOf(cmd.trancheId, t.returned?.length ?? 0) }
          : {}),
        applicationId: state.applicationId,
        enterpriseId: state.enterpriseId,
        trancheId: cmd.trancheId,
        disbursementId: cmd.disbursementId,
        paidOn: cmd.paidOn,
        amountFen: cmd.amountFen,
        bankRef: cmd.bankRef,
        paidBy: cmd.paidBy,
        ...clearanceField(cmd.clearanceId),
      },
    },
  ];
}
