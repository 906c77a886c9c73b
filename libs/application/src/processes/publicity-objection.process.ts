import {
  conflict,
  decideCompleteObjectionResolution,
  decideRaiseObjection,
  decideResolveObjection,
  notFound,
  PublicityEvent,
  streams,
  trancheRefOf,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { releaseCancelledTrancheBudget } from './budget.process';
import { LedgerDeps, Written } from '../ledger-deps';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { internshipFold, publicityFold, seatApplicationFold, siteFold } from '../stream-decider';
import { withdrawObjectedClaim } from './publicity-withdrawal.process';

/**
 * Objections to a publicity notice (R-PUB): raised while it runs, then
 * resolved; an upheld objection on a claim withdraws it from its unpaid
 * tranche (publicity-withdrawal.process.ts).
 */

export async function raiseObjection(
  deps: LedgerDeps,
  ctx: CommandContext,
  publicityId: string,
  cmd: { objectionId: string; raisedOn: string; claimId?: string; text: string },
): Promise<Written<{ objectionId: string }>> {
  const r = await runOnStream(
    deps.store,
    streams.publicity(publicityId),
    publicityFold,
    (s) => {
      if (!s.exists) throw notFound(`publicity ${publicityId}`);
      return decideRaiseObjection(s, cmd);
    },
    () => metadataFor(ctx, cmd.raisedOn),
  );
  return { result: { objectionId: cmd.objectionId }, position: r.position };
}

export interface ResolutionResult {
  objectionId: string;
  upheld: boolean;
  withdrawnFen: number;
}

/**
 * An upheld objection on a claim takes that claim out of its tranche and
 * releases its cap reservation at once (API.md), as a process.
 */
export async function resolveObjection(
  deps: LedgerDeps,
  ctx: CommandContext,
  publicityId: string,
  cmd: { objectionId: string; resolvedOn: string; upheld: boolean; reason: string },
): Promise<Written<ResolutionResult>> {
  const pubStream = streams.publicity(publicityId);
  const { state: pub } = await loadStream(deps.store, pubStream, publicityFold);
  if (!pub.exists) throw notFound(`publicity ${publicityId}`);
  const objection = pub.objections.get(cmd.objectionId);
  if (cmd.upheld && objection?.claimId && objection.trancheId) {
    const paid = await paymentOf(deps, objection.trancheId);
    if (paid) {
      throw conflict(
        `tranche ${objection.trancheId} was already paid (${paid.disbursementId}); a false claim after payment is a case for supervisors (R-FRAUD)`,
        { rule: 'R-FRAUD' },
      );
    }
  }
  const started = await runOnStream(
    deps.store,
    pubStream,
    publicityFold,
    (s) => {
      if (!s.exists) throw notFound(`publicity ${publicityId}`);
      return decideResolveObjection(s, cmd);
    },
    () => metadataFor(ctx, cmd.resolvedOn),
  );
  const finished = await finishObjectionResolution(deps, ctx, publicityId, cmd.objectionId);
  return {
    result: { objectionId: cmd.objectionId, upheld: cmd.upheld, withdrawnFen: finished.result },
    position: laterPosition(started.position, finished.position),
  };
}

export async function finishObjectionResolution(
  deps: LedgerDeps,
  ctx: CommandContext,
  publicityId: string,
  objectionId: string,
): Promise<Written<number>> {
  const pubStream = streams.publicity(publicityId);
  const { state: pub, events } = await loadStream(deps.store, pubStream, publicityFold);
  if (!pub.openProcesses.has(objectionId)) return { result: 0, position: undefined };
  const resolved = events
    .map((e) => ({ type: e.type, data: e.data }) as PublicityEvent)
    .find((e) => e.type === 'ObjectionResolved' && e.data.objectionId === objectionId);
  if (
    !resolved ||
    resolved.type !== 'ObjectionResolved' ||
    !resolved.data.claimId ||
    !resolved.data.trancheId
  ) {
    throw notFound(`objection ${objectionId}`);
  }
  const { claimId, trancheId, resolvedOn } = resolved.data;
  const meta = () => metadataFor(ctx, resolvedOn, undefined, objectionId);
  const withdrawal = {
    trancheId,
    claimId,
    resolvedOn,
    reason: resolved.data.reason,
    objectionId,
    publicityId,
  };
  const applied = await withdrawObjectedClaim(deps, withdrawal, meta);
  const withdrawnFen = applied.withdrawnFen;
  // R-BUDGET: the withdrawn claim's part goes back to the budget.
  const released = await releaseCancelledTrancheBudget(
    deps,
    ctx,
    trancheId,
    { kind: 'tranche-cancelled', id: objectionId },
    resolvedOn,
  );
  const position = laterPosition(applied.position, released);
  const done = await runOnStream(
    deps.store,
    pubStream,
    publicityFold,
    (s) => decideCompleteObjectionResolution(s, objectionId, withdrawnFen),
    meta,
  );
  return { result: withdrawnFen, position: laterPosition(position, done.position) };
}

/** The payment of a tranche, on whichever stream owns it (an objection after payment is a case). */
async function paymentOf(
  deps: LedgerDeps,
  trancheId: string,
): Promise<{ disbursementId: string } | undefined> {
  const ref = trancheRefOf(trancheId);
  switch (ref?.programme) {
    case 'seat': {
      const { state } = await loadStream(
        deps.store,
        streams.seatApplication(ref.applicationId),
        seatApplicationFold,
      );
      return state.tranches.get(trancheId)?.disbursement;
    }
    case 'site': {
      const { state } = await loadStream(deps.store, streams.site(ref.siteId), siteFold);
      return state.tranches.get(trancheId)?.disbursement;
    }
    case 'internship': {
      const { state } = await loadStream(
        deps.store,
        streams.internshipApplication(ref.applicationId),
        internshipFold,
      );
      return state.tranche?.trancheId === trancheId ? state.tranche.disbursement : undefined;
    }
    default:
      return undefined;
  }
}
