import {
  decideCompletePaidInFull,
  decideReleaseSeats,
  decideRetakeSeats,
  decideVerifySeatCount,
  notFound,
  openPaidInFullOf,
  paidInFullClaimsOf,
  paidOnOfPaidInFull,
  ReleaseSeatsCommand,
  RetakeSeatsCommand,
  streams,
} from '@ledger/domain';
import { EventMetadata } from '@ledger/event-store/event-store.port';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { enterpriseFold, seatApplicationFold } from '../stream-decider';

/**
 * R-SEAT-8: a step of every process that closes claims (submission refusals,
 * review, tranche approval, upheld objection, finding, paid in full): the
 * enterprise gives their seats back. Idempotent (decideReleaseSeats), so a
 * process finished again by recovery writes nothing twice.
 */
export async function releaseSeats(
  deps: LedgerDeps,
  enterpriseId: string,
  cmd: ReleaseSeatsCommand,
  meta: () => EventMetadata,
): Promise<number | undefined> {
  if (cmd.claimIds.length === 0) return undefined;
  const released = await runOnStream(
    deps.store,
    streams.enterprise(enterpriseId),
    enterpriseFold,
    (s) => decideReleaseSeats(s, cmd),
    meta,
  );
  return released.position;
}

/** R-SEAT-8: a reviewer records the seats an inspection found; it governs from `verifiedOn`. */
export async function verifySeatCount(
  deps: LedgerDeps,
  ctx: CommandContext,
  enterpriseId: string,
  cmd: { verifiedOn: string; seats: number; inspectionRef: string },
): Promise<Written<{ enterpriseId: string }>> {
  const r = await runOnStream(
    deps.store,
    streams.enterprise(enterpriseId),
    enterpriseFold,
    (s) => decideVerifySeatCount(s, { enterpriseId, ...cmd, verifiedBy: ctx.actorId }),
    () => metadataFor(ctx, cmd.verifiedOn),
  );
  return { result: { enterpriseId }, position: r.position };
}

export { trancheIdOfPaidInFull } from '@ledger/domain';

/**
 * R-SEAT-8 "paid in full", as a process (ADR 0002): the payment of the last
 * tranche (`TrancheDisbursed` with a `processId`) starts it, the enterprise
 * releases the seats of the claims it paid, `PaidClaimsReleased` ends it.
 * Every open one of the tranche is finished: one whose payment came back
 * (退票) before its release releases nothing (its claims are open again).
 */
export async function finishPaidInFull(
  deps: LedgerDeps,
  ctx: CommandContext,
  applicationId: string,
  trancheId: string,
): Promise<Written<null>> {
  const appStream = streams.seatApplication(applicationId);
  const { state: app } = await loadStream(deps.store, appStream, seatApplicationFold);
  let position: number | undefined;
  for (const processId of openPaidInFullOf(app, trancheId)) {
    const paidOn = paidOnOfPaidInFull(app, trancheId, processId);
    if (!paidOn) throw notFound(`payment of tranche ${trancheId}`);
    const meta = () => metadataFor(ctx, paidOn, undefined, processId);
    const released = await releaseSeats(
      deps,
      app.enterpriseId,
      {
        applicationId,
        claimIds: paidInFullClaimsOf(app, trancheId, processId),
        releasedOn: paidOn,
        cause: { kind: 'paid', id: processId },
      },
      meta,
    );
    const done = await runOnStream(
      deps.store,
      appStream,
      seatApplicationFold,
      (s) => decideCompletePaidInFull(s, trancheId, processId),
      meta,
    );
    position = laterPosition(position, laterPosition(released, done.position));
  }
  return { result: null, position };
}

/**
 * R-SEAT-8, a step of a return (退票) of a seat payment: the claims the
 * payment's paid-in-full released hold their seats again (`decideRetakeSeats`:
 * exactly those, once).
 */
export async function retakeSeats(
  deps: LedgerDeps,
  enterpriseId: string,
  cmd: RetakeSeatsCommand,
  meta: () => EventMetadata,
): Promise<number | undefined> {
  const retaken = await runOnStream(
    deps.store,
    streams.enterprise(enterpriseId),
    enterpriseFold,
    (s) => decideRetakeSeats(s, cmd),
    meta,
  );
  return retaken.position;
}
