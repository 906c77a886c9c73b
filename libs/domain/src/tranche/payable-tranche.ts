import { BusinessDate } from '../shared/business-date';
import {
  conflict,
  forbidden,
  ruleConflict,
  ruleViolation,
  suspendedError,
} from '../shared/ledger-error';
import { Fen } from '../shared/money';
import { decisionDateOrderRule } from '../rules/decision-date-order.rule';
import {
  enterpriseSuspensionRule,
  PartyStanding,
  SuspendedAction,
} from '../rules/enterprise-suspension.rule';
import {
  paymentAfterPublicityRule,
  PublicityForPayment,
} from '../rules/payment-after-publicity.rule';
import { paymentAmountRule } from '../rules/payment-amount.rule';
import { returnedPaymentIdRule } from '../rules/returned-payment-id.rule';
import { segregationOfDutiesRule } from '../rules/segregation-of-duties.rule';

/** The money programmes of the ledger: balances are shown per programme. */
export type Programme = 'seat' | 'siteLease' | 'siteRenovation' | 'sitePurchase' | 'internship';

/** What any tranche (site, internship) must show to be published and paid. */
export interface PayableTranche {
  trancheId: string;
  status: 'approving' | 'approved';
  decidedOn: BusinessDate;
  /** What it pays now (less anything withdrawn). */
  amountFen: Fen;
  publicity?: { publicityId: string; startsOn: BusinessDate; endsOn: BusinessDate };
  disbursement?: { disbursementId: string };
  /** Payments that came back (退票): their ids are not paid again. */
  returned?: readonly { disbursementId: string; returnedOn: BusinessDate }[];
  /** R-FRAUD: a finding named the whole tranche false; it is published and paid no more. */
  foundFalse?: { caseId: string; findingId: string; foundOn: BusinessDate };
}

/** R-FRAUD: a tranche a finding named false goes on no notice and gets no payment. */
function requireNotFoundFalse(t: PayableTranche): void {
  if (!t.foundFalse) return;
  throw ruleViolation(
    'R-FRAUD',
    `tranche ${t.trancheId} was found false in case ${t.foundFalse.caseId} on ${t.foundFalse.foundOn}`,
  );
}

/** R-FRAUD: a suspended enterprise or school gets no approval and no payment (423), in any programme. */
export function requireNotSuspended(
  standing: PartyStanding | undefined,
  action: SuspendedAction,
): void {
  if (!standing) return;
  const refusal = enterpriseSuspensionRule(standing, action);
  if (refusal) {
    throw suspendedError(refusal.reason, refusal.rule, {
      suspendedBy: [...standing.suspendedByCaseIds],
    });
  }
}

/** R-PUB: a tranche that can go on a notice: approved, not yet on one, paying someone. */
export function checkTranchePublishable(t: PayableTranche, startsOn: BusinessDate): void {
  if (t.status !== 'approved') {
    throw conflict(`tranche ${t.trancheId} is still being approved; retry shortly`);
  }
  requireNotFoundFalse(t);
  if (t.publicity) {
    throw conflict(`tranche ${t.trancheId} is already on notice ${t.publicity.publicityId}`);
  }
  const date = decisionDateOrderRule('publicity', startsOn, t.decidedOn, `tranche ${t.trancheId}`);
  if (date) throw ruleViolation(date.rule, date.reason);
  if (t.amountFen === 0) throw ruleViolation('R-PUB', `tranche ${t.trancheId} pays nobody`);
}

export interface TranchePaymentCommand {
  trancheId: string;
  disbursementId: string;
  paidOn: BusinessDate;
  amountFen: Fen;
  paidBy: string;
}

/**
 * R-FRAUD (suspension of the payee, enterprise or school), R-SOD, R-PUB and
 * R-PAY for a site or internship tranche: the same checks, in the same order,
 * as a seat tranche's (seat-application/record-disbursement.decider.ts `checkDisbursement`).
 */
export function checkTranchePayment(
  t: PayableTranche,
  cmd: TranchePaymentCommand,
  reviewerIds: readonly string[],
  publicity: PublicityForPayment | undefined,
  standing: PartyStanding | undefined,
): void {
  requireNotSuspended(standing, 'record payments');
  const sod = segregationOfDutiesRule(cmd.paidBy, reviewerIds, 'record payments');
  if (sod) throw forbidden(sod.reason, sod.rule);
  if (t.status !== 'approved') {
    throw conflict(`tranche ${t.trancheId} is still being approved; retry shortly`);
  }
  if (t.disbursement) {
    throw conflict(`tranche ${t.trancheId} was already paid (${t.disbursement.disbursementId})`, {
      rule: 'R-PAY',
      disbursementId: t.disbursement.disbursementId,
    });
  }
  const again = returnedPaymentIdRule(t.returned, cmd.disbursementId);
  if (again) throw ruleConflict(again.rule, again.reason);
  requireNotFoundFalse(t);
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
  if (date) throw ruleViolation(date.rule, date.reason);
  const pub = paymentAfterPublicityRule(publicity, cmd.paidOn);
  if (pub) throw ruleViolation(pub.rule, pub.reason);
  const amount = paymentAmountRule(cmd.amountFen, t.amountFen);
  if (amount) throw ruleViolation(amount.rule, amount.reason);
}
