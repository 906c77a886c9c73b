import { BusinessDate } from '../shared/business-date';
import { conflict, ruleConflict, ruleViolation } from '../shared/ledger-error';
import { Fen } from '../shared/money';
import { FalseTrancheOutcome, FalseTrancheProgramme } from '../case/case.events';
import { clawbackRule } from '../rules/clawback.rule';
import { falseTrancheRule, TrancheForFinding } from '../rules/false-tranche.rule';
import { PayableTranche } from './payable-tranche';

/** The payment of a tranche found false, due back (R-FRAUD): as a seat claim's `ClawbackAssessed`. */
export type FalseTrancheClawback = {
  /** `{disbursementId}:{trancheId}`: a tranche's payment is clawed back once. */
  clawbackId: string;
  disbursementId: string;
  paidOn: BusinessDate;
  bankRef: string;
  amountFen: Fen;
};

/** A site or internship tranche as a finding sees it: payable, with what it approved and was paid. */
export interface TrancheUnderFinding extends PayableTranche {
  approvedFen: Fen;
  disbursement?: { disbursementId: string; paidOn: BusinessDate; amountFen: Fen; bankRef: string };
  foundFalse?: FoundFalseTranche;
}

export const trancheClawbackIdOf = (disbursementId: string, trancheId: string) =>
  `${disbursementId}:${trancheId}`;

/** Before a finding is recorded on its case: the tranche is the case party's, approved, not false yet. */
export function checkFalseTranche(
  t: TrancheForFinding,
  caseParty: { kind: 'enterprise' | 'school'; id: string },
): void {
  const refusal = falseTrancheRule(t, caseParty);
  if (refusal?.kind === 'conflict') throw ruleConflict(refusal.rule, refusal.reason);
  if (refusal) throw ruleViolation(refusal.rule, refusal.reason);
}

/**
 * A step of a finding, for one whole tranche (R-FRAUD amended): what is
 * approved and unpaid is cancelled, what was paid is due back, by the same
 * clawback rule as a seat claim's share. Nothing when a finding already
 * named it (no money is clawed back twice); a tranche still being approved
 * makes the step wait (409).
 */
export function falseTrancheDecision(
  t: TrancheUnderFinding,
): { cancelledFen: Fen; clawback?: FalseTrancheClawback } | undefined {
  if (t.foundFalse) return undefined;
  if (t.status !== 'approved') {
    throw conflict(`tranche ${t.trancheId} is still being approved; retry shortly`);
  }
  const paid = t.disbursement;
  const { clawbacks, cancellations } = clawbackRule([
    {
      trancheId: t.trancheId,
      reservationId: '',
      amountFen: paid ? paid.amountFen : t.amountFen,
      withdrawn: false,
      disbursement: paid && {
        disbursementId: paid.disbursementId,
        paidOn: paid.paidOn,
        bankRef: paid.bankRef,
      },
    },
  ]);
  const c = clawbacks[0];
  return {
    cancelledFen: cancellations[0]?.amountFen ?? 0,
    ...(c
      ? {
          clawback: {
            clawbackId: trancheClawbackIdOf(c.disbursement.disbursementId, t.trancheId),
            disbursementId: c.disbursement.disbursementId,
            paidOn: c.disbursement.paidOn,
            bankRef: c.disbursement.bankRef,
            amountFen: c.amountFen,
          },
        }
      : {}),
  };
}

/** The tranche a finding left behind, with what it cancelled and made due back. */
export interface FoundFalseTranche {
  caseId: string;
  findingId: string;
  foundOn: BusinessDate;
  cancelledFen: Fen;
  clawback?: FalseTrancheClawback;
}

/** What a finding did to a tranche, read back from its stream after the step. */
export function falseTrancheOutcomeOf(
  t: TrancheUnderFinding,
  ref: { trancheId: string; programme: FalseTrancheProgramme; applicationId: string },
  by: { caseId: string; findingId: string },
): FalseTrancheOutcome {
  const found = t.foundFalse;
  const foundFalseBy = found ? { caseId: found.caseId, findingId: found.findingId } : by;
  const base = { ...ref, foundFalseBy, approvedFen: t.approvedFen };
  if (!found || found.findingId !== by.findingId) {
    return { ...base, status: 'alreadyFalse', cancelledFen: 0 };
  }
  return {
    ...base,
    status: 'found',
    cancelledFen: found.cancelledFen,
    ...(found.clawback
      ? {
          payment: {
            disbursementId: found.clawback.disbursementId,
            bankRef: found.clawback.bankRef,
            paidOn: found.clawback.paidOn,
            amountFen: found.clawback.amountFen,
            clawbackId: found.clawback.clawbackId,
          },
        }
      : {}),
  };
}
