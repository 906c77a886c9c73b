import { BusinessDate } from '../shared/business-date';
import { conflict, notFound, ruleConflict, ruleViolation } from '../shared/ledger-error';
import { FalseClaimOutcome, FalseClaimTranche } from '../case/case.events';
import { ClaimInTranche, clawbackRule } from '../rules/clawback.rule';
import { falseClaimRule } from '../rules/false-claim.rule';
import { clawbackIdOf, SeatApplicationEvent } from './seat-application.events';
import { requireClaim } from './seat-application.guards';
import { ClaimState, SeatApplicationState } from './seat-application.state';

/**
 * Before a finding is recorded on its case: the claim exists, is the case
 * enterprise's, is approved, and is not false already (falseClaimRule).
 */
export function checkFalseClaim(
  state: SeatApplicationState,
  claimId: string,
  caseEnterpriseId: string,
): ClaimState {
  if (!state.exists) throw notFound(`claim ${claimId}`);
  const claim = requireClaim(state, claimId);
  const refusal = falseClaimRule(
    {
      claimId,
      enterpriseId: state.enterpriseId,
      status: claim.status,
      foundFalse: claim.foundFalse,
    },
    caseEnterpriseId,
  );
  if (refusal?.kind === 'conflict') throw ruleConflict(refusal.rule, refusal.reason);
  if (refusal) throw ruleViolation(refusal.rule, refusal.reason);
  requireNoApprovalUnderway(state, claimId);
  return claim;
}

/** A tranche still being approved may yet include the claim: its finding waits for it. */
function requireNoApprovalUnderway(state: SeatApplicationState, claimId: string): void {
  for (const t of state.tranches.values()) {
    if (t.status === 'approving' && t.candidates.some((c) => c.claimId === claimId)) {
      throw conflict(
        `tranche ${t.trancheId} is still being approved for claim ${claimId}; retry shortly`,
      );
    }
  }
}

/** Every tranche that included the claim, as the clawback rule needs it. */
export function claimInTranches(state: SeatApplicationState, claimId: string): ClaimInTranche[] {
  const out: ClaimInTranche[] = [];
  for (const t of [...state.tranches.values()].sort((a, b) => a.tranche - b.tranche)) {
    const included = t.included.find((c) => c.claimId === claimId);
    if (!included) continue;
    out.push({
      trancheId: t.trancheId,
      reservationId: included.reservationId,
      amountFen: included.amountFen,
      withdrawn: t.withdrawn.has(claimId),
      disbursement: t.disbursement && {
        disbursementId: t.disbursement.disbursementId,
        paidOn: t.disbursement.paidOn,
        bankRef: t.disbursement.bankRef,
      },
    });
  }
  return out;
}

export interface FindClaimFalseCommand {
  caseId: string;
  findingId: string;
  claimId: string;
  foundOn: BusinessDate;
}

/**
 * A step of a finding (R-FRAUD), idempotent: the claim is marked false, its
 * approved-but-unpaid amounts leave their tranches (cause `finding`) and each
 * paid amount is assessed as a clawback, all in one append. A claim another
 * finding already marked is left alone (no money is clawed back twice). A
 * tranche still being approved for the claim makes the step wait (409).
 */
export function decideFindClaimFalse(
  state: SeatApplicationState,
  cmd: FindClaimFalseCommand,
): SeatApplicationEvent[] {
  const claim = requireClaim(state, cmd.claimId);
  if (claim.foundFalse) return [];
  requireNoApprovalUnderway(state, cmd.claimId);
  const { clawbacks, cancellations } = clawbackRule(claimInTranches(state, cmd.claimId));
  const common = { applicationId: state.applicationId, enterpriseId: state.enterpriseId };
  const events: SeatApplicationEvent[] = [{ type: 'ClaimFoundFalse', data: { ...common, ...cmd } }];
  for (const c of cancellations) {
    events.push({
      type: 'ClaimWithdrawnFromTranche',
      data: {
        ...common,
        trancheId: c.trancheId,
        claimId: cmd.claimId,
        personKey: claim.personKey,
        reservationId: c.reservationId,
        amountFen: c.amountFen,
        withdrawnOn: cmd.foundOn,
        cause: { kind: 'finding', id: cmd.findingId, caseId: cmd.caseId },
      },
    });
  }
  for (const c of clawbacks) {
    events.push({
      type: 'ClawbackAssessed',
      data: {
        ...common,
        caseId: cmd.caseId,
        findingId: cmd.findingId,
        clawbackId: clawbackIdOf(c.disbursement.disbursementId, cmd.claimId),
        claimId: cmd.claimId,
        personKey: claim.personKey,
        trancheId: c.trancheId,
        reservationId: c.reservationId,
        disbursementId: c.disbursement.disbursementId,
        paidOn: c.disbursement.paidOn,
        bankRef: c.disbursement.bankRef,
        amountFen: c.amountFen,
        assessedOn: cmd.foundOn,
      },
    });
  }
  return events;
}

/** What a finding did to a claim, read back from the application state after its step. */
export function falseClaimOutcome(
  state: SeatApplicationState,
  claimId: string,
  ref: { caseId: string; findingId: string },
): FalseClaimOutcome {
  const claim = requireClaim(state, claimId);
  const by = claim.foundFalse ?? ref;
  const foundFalseBy = { caseId: by.caseId, findingId: by.findingId };
  const base = {
    claimId,
    applicationId: state.applicationId,
    personKey: claim.personKey,
    personIdMasked: claim.personIdMasked,
    foundFalseBy,
  };
  if (by.findingId !== ref.findingId) return { ...base, status: 'alreadyFalse', tranches: [] };
  const tranches: FalseClaimTranche[] = [];
  for (const t of [...state.tranches.values()].sort((a, b) => a.tranche - b.tranche)) {
    const included = t.included.find((c) => c.claimId === claimId);
    if (!included) continue;
    const clawback = t.clawbacks.get(claimId);
    const cancelled = t.withdrawnBy.get(claimId) === 'finding';
    if (!clawback && !cancelled) continue; // left the tranche before (an upheld objection)
    const entry: FalseClaimTranche = {
      trancheId: t.trancheId,
      reservationId: included.reservationId,
      approvedFen: included.amountFen,
      cancelledFen: cancelled ? (t.withdrawn.get(claimId) ?? 0) : 0,
    };
    if (clawback && t.disbursement) {
      entry.payment = {
        disbursementId: t.disbursement.disbursementId,
        bankRef: t.disbursement.bankRef,
        paidOn: t.disbursement.paidOn,
        amountFen: clawback.amountFen,
        clawbackId: clawback.clawbackId,
      };
    }
    tranches.push(entry);
  }
  return { ...base, status: 'found', tranches };
}
