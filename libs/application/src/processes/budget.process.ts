import { randomUUID } from 'node:crypto';
import {
  BudgetProgramme,
  BudgetReleaseCause,
  BudgetEvent,
  BudgetState,
  budgetIdOf,
  copyBudgetState,
  currentTrancheAmountFen,
  siteProgrammeOf,
  trancheRefOf,
  decideAdjustBudget,
  decideAppropriateBudget,
  decideCommitBudget,
  decideReleaseBudgetCommitment,
  decideSettleBudgetCommitment,
  Fen,
  fiscalYearOf,
  streams,
} from '@ledger/domain';
import type { EventStore } from '@ledger/event-store/event-store.port';
import { CommandContext, metadataFor } from '../command-context';
import { KeptStreamFolds } from '../kept-stream-folds';
import { LedgerDeps, Written } from '../ledger-deps';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { budgetFold, internshipFold, seatApplicationFold, siteFold } from '../stream-decider';

const keptBudgets = new WeakMap<EventStore, KeptStreamFolds<BudgetState, BudgetEvent>>();

/** The budget stream, from what this process kept of it (ADR 0020 §24). */
function loadBudget(deps: LedgerDeps, budgetId: string) {
  let kept = keptBudgets.get(deps.store);
  if (!kept) {
    kept = new KeptStreamFolds(budgetFold, copyBudgetState);
    keptBudgets.set(deps.store, kept);
  }
  return kept.load(deps.store, streams.budget(budgetId));
}

export async function appropriateBudget(
  deps: LedgerDeps,
  ctx: CommandContext,
  cmd: { programme: BudgetProgramme; fiscalYear: number; amountFen: Fen; documentRef: string },
  recordedOn: string,
): Promise<Written<{ budgetId: string }>> {
  const budgetId = budgetIdOf(cmd.programme, cmd.fiscalYear);
  const written = await runOnStream(
    deps.store,
    streams.budget(budgetId),
    budgetFold,
    (s) => decideAppropriateBudget(s, { budgetId, ...cmd, recordedBy: ctx.actorId }),
    () => metadataFor(ctx, recordedOn),
    await loadBudget(deps, budgetId),
  );
  return { result: { budgetId }, position: written.position };
}

export async function adjustBudget(
  deps: LedgerDeps,
  ctx: CommandContext,
  budgetId: string,
  cmd: { decidedOn: string; amountFen: Fen; documentRef: string; reason: string },
): Promise<Written<{ budgetId: string; adjustmentId: string }>> {
  // The idempotency key, when given, makes a retried adjustment count once.
  const adjustmentId = ctx.idempotencyKey ? `key:${ctx.idempotencyKey}` : randomUUID();
  const written = await runOnStream(
    deps.store,
    streams.budget(budgetId),
    budgetFold,
    (s) => decideAdjustBudget(s, { budgetId, adjustmentId, ...cmd, recordedBy: ctx.actorId }),
    () => metadataFor(ctx, cmd.decidedOn),
    await loadBudget(deps, budgetId),
  );
  return { result: { budgetId, adjustmentId }, position: written.position };
}

export async function readBudget(deps: LedgerDeps, budgetId: string): Promise<BudgetState> {
  return (await loadBudget(deps, budgetId)).state;
}

/** What a tranche approval commits: its programme, decision date and the most it can approve. */
export interface TrancheBudget {
  programme: BudgetProgramme;
  trancheId: string;
  decidedOn: string;
}

const budgetOf = (t: TrancheBudget) => budgetIdOf(t.programme, fiscalYearOf(t.decidedOn));

/**
 * R-BUDGET around a tranche approval (ADR 0019), like the clearance of ADR
 * 0014: the commitment is appended on `budget-{programme}-{year}` at the
 * revision it was decided on before anything of the approval is written, so
 * concurrent approvals from any number of processes never commit more than
 * was appropriated, and a refusal writes nothing. When the approval then
 * fails before its start is recorded, the commitment goes back; once the
 * start is recorded the approval finishes and settles it (`settleTrancheBudget`).
 */
export async function withBudgetCommitment<T>(
  deps: LedgerDeps,
  ctx: CommandContext,
  tranche: TrancheBudget,
  estimateFen: () => Promise<Fen>,
  approval: () => Promise<Written<T>>,
  started: () => Promise<boolean>,
): Promise<Written<T>> {
  if (!deps.budgetControl) return approval();
  const budgetId = budgetOf(tranche);
  const amountFen = await estimateFen();
  const committed = await runOnStream(
    deps.store,
    streams.budget(budgetId),
    budgetFold,
    (s) =>
      decideCommitBudget(s, {
        budgetId,
        programme: tranche.programme,
        fiscalYear: fiscalYearOf(tranche.decidedOn),
        commitmentId: randomUUID(),
        trancheId: tranche.trancheId,
        amountFen,
        committedOn: tranche.decidedOn,
      }),
    () => metadataFor(ctx, tranche.decidedOn, undefined, tranche.trancheId),
    await loadBudget(deps, budgetId),
  );
  try {
    const done = await approval();
    return { result: done.result, position: laterPosition(committed.position, done.position) };
  } catch (err) {
    if (!(await started())) {
      await releaseTrancheBudget(deps, ctx, tranche, 0, {
        kind: 'approval-refused',
        id: tranche.trancheId,
      });
    }
    throw err;
  }
}

/** The approval is recorded: its commitment becomes the amount approved. */
export async function settleTrancheBudget(
  deps: LedgerDeps,
  ctx: CommandContext,
  tranche: TrancheBudget,
  amountFen: Fen,
): Promise<number | undefined> {
  if (!deps.budgetControl) return undefined;
  const budgetId = budgetOf(tranche);
  const written = await runOnStream(
    deps.store,
    streams.budget(budgetId),
    budgetFold,
    (s) =>
      decideSettleBudgetCommitment(s, {
        budgetId,
        trancheId: tranche.trancheId,
        amountFen,
        decidedOn: tranche.decidedOn,
        commitmentId: randomUUID(),
      }),
    () => metadataFor(ctx, tranche.decidedOn, undefined, tranche.trancheId),
    await loadBudget(deps, budgetId),
  );
  return written.position;
}

/**
 * A tranche cancelled (found false, withdrawn) gives back what it no longer
 * needs: its commitment comes down to `holdFen`. Runs whatever the setting:
 * a commitment written while control was on is released when it lapses.
 */
export async function releaseTrancheBudget(
  deps: LedgerDeps,
  ctx: CommandContext,
  tranche: TrancheBudget,
  holdFen: Fen,
  cause: BudgetReleaseCause,
  releasedOn: string = tranche.decidedOn,
): Promise<number | undefined> {
  const budgetId = budgetOf(tranche);
  const written = await runOnStream(
    deps.store,
    streams.budget(budgetId),
    budgetFold,
    (s) =>
      decideReleaseBudgetCommitment(s, {
        budgetId,
        trancheId: tranche.trancheId,
        releasedOn,
        cause,
        holdFen,
      }),
    () => metadataFor(ctx, releasedOn, undefined, tranche.trancheId),
    await loadBudget(deps, budgetId),
  );
  return written.position;
}

/**
 * What a tranche still holds of its budget, read from its own stream: what
 * was paid once it is paid, less what a finding made due back (issue #14: a
 * clawed-back tranche releases its commitment), else what it still approves
 * after withdrawals and findings (0 once found false).
 */
async function trancheHold(
  deps: LedgerDeps,
  trancheId: string,
): Promise<(TrancheBudget & { holdFen: Fen }) | undefined> {
  const ref = trancheRefOf(trancheId);
  switch (ref?.programme) {
    case 'seat': {
      const { state } = await loadStream(
        deps.store,
        streams.seatApplication(ref.applicationId),
        seatApplicationFold,
      );
      const t = state.tranches.get(trancheId);
      if (!t || t.status !== 'approved') return undefined;
      // A paid claim's share a finding made due back is held no more (issue #14).
      let dueBackFen = 0;
      for (const c of t.clawbacks.values()) dueBackFen += c.amountFen;
      const holdFen = t.disbursement
        ? t.disbursement.amountFen - dueBackFen
        : currentTrancheAmountFen(t);
      return { programme: 'seat', trancheId, decidedOn: t.decidedOn, holdFen };
    }
    case 'site': {
      const { state } = await loadStream(deps.store, streams.site(ref.siteId), siteFold);
      const t = state.tranches.get(trancheId);
      if (!t || t.status !== 'approved') return undefined;
      // Found false after payment, it is due back whole: it holds nothing (issue #14).
      const holdFen = t.foundFalse
        ? 0
        : (t.disbursement?.amountFen ?? (t.withdrawn ? 0 : t.amountFen));
      return { programme: siteProgrammeOf(state.kind), trancheId, decidedOn: t.decidedOn, holdFen };
    }
    case 'internship': {
      const { state } = await loadStream(
        deps.store,
        streams.internshipApplication(ref.applicationId),
        internshipFold,
      );
      const t = state.tranche;
      if (!t || t.trancheId !== trancheId || t.status !== 'approved') return undefined;
      const holdFen = t.foundFalse ? 0 : (t.disbursement?.amountFen ?? t.amountFen);
      return { programme: 'internship', trancheId, decidedOn: t.decidedOn, holdFen };
    }
    default:
      return undefined;
  }
}

/**
 * A tranche cancelled in whole or part (an upheld objection, a finding) gives
 * back what it no longer holds; a step of the process that cancelled it,
 * idempotent, so a resumed process writes it once.
 */
export async function releaseCancelledTrancheBudget(
  deps: LedgerDeps,
  ctx: CommandContext,
  trancheId: string,
  cause: BudgetReleaseCause,
  releasedOn: string,
): Promise<number | undefined> {
  const hold = await trancheHold(deps, trancheId);
  if (!hold) return undefined;
  return releaseTrancheBudget(deps, ctx, hold, hold.holdFen, cause, releasedOn);
}
