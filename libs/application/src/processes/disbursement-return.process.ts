import {
  claimFreedByReturn,
  decideReleaseTrancheBatch,
  decideReturnDisbursement,
  decideReturnInternshipDisbursement,
  decideReturnSiteDisbursement,
  DisbursementReturnedData,
  LedgerError,
  notFound,
  ReturnDisbursementCommand,
  ReturnUse,
  returnedPaidInFullOf,
  returnProcessIdOf,
  streams,
  trancheRefOf,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { internshipFold, seatApplicationFold, siteFold, trancheBatchFold } from '../stream-decider';
import { claimBankReference, settleBankReference } from './bank-reference.process';
import { retakeSeats } from './seats-held.process';

export interface DisbursementReturnInput {
  disbursementId: string;
  trancheId: string;
  returnedOn: string;
  bankRef: string;
  reason: string;
}

export interface DisbursementReturnResult {
  disbursementId: string;
  trancheId: string;
  amountFen: number;
  returnedOn: string;
}

/** One programme's tranche stream, as a return sees it. */
interface TrancheReturn {
  /** The stream the tranche's payments and returns are on. */
  stream: string;
  /** Decides on the tranche as it is now; throws what a return of it would answer. */
  check(): Promise<DisbursementReturnedData>;
  /** Appends the return, deciding again on the stream as it is then. */
  record(): Promise<number | undefined>;
  /** Whether the tranche shows this payment returned with this reference (a repeat, or recovery after a crash). */
  isReturned(): Promise<boolean>;
}

function trancheReturn(
  deps: LedgerDeps,
  ctx: CommandContext,
  cmd: ReturnDisbursementCommand,
): TrancheReturn {
  const ref = trancheRefOf(cmd.trancheId);
  if (!ref) throw notFound(`disbursement ${cmd.disbursementId}`);
  const meta = () =>
    metadataFor(ctx, cmd.returnedOn, undefined, returnProcessIdOf(cmd.disbursementId));
  // By this very reference: a return that lost a race to another return leaves its reference free.
  const returnedIn = (t?: { returned?: { disbursementId: string; bankRef: string }[] }) =>
    t?.returned?.some(
      (r) => r.disbursementId === cmd.disbursementId && r.bankRef === cmd.bankRef,
    ) ?? false;
  switch (ref.programme) {
    case 'seat': {
      const stream = streams.seatApplication(ref.applicationId);
      const decide = (s: Parameters<typeof decideReturnDisbursement>[0]) =>
        decideReturnDisbursement(s, cmd);
      return {
        stream,
        check: async () =>
          decide((await loadStream(deps.store, stream, seatApplicationFold)).state)[0].data,
        record: async () =>
          (await runOnStream(deps.store, stream, seatApplicationFold, decide, meta)).position,
        isReturned: async () =>
          returnedIn(
            (await loadStream(deps.store, stream, seatApplicationFold)).state.tranches.get(
              cmd.trancheId,
            ),
          ),
      };
    }
    case 'site': {
      const stream = streams.site(ref.siteId);
      const decide = (s: Parameters<typeof decideReturnSiteDisbursement>[0]) =>
        decideReturnSiteDisbursement(s, cmd);
      return {
        stream,
        check: async () => decide((await loadStream(deps.store, stream, siteFold)).state)[0].data,
        record: async () =>
          (await runOnStream(deps.store, stream, siteFold, decide, meta)).position,
        isReturned: async () =>
          returnedIn(
            (await loadStream(deps.store, stream, siteFold)).state.tranches.get(cmd.trancheId),
          ),
      };
    }
    case 'internship': {
      const stream = streams.internshipApplication(ref.applicationId);
      const decide = (s: Parameters<typeof decideReturnInternshipDisbursement>[0]) =>
        decideReturnInternshipDisbursement(s, cmd);
      return {
        stream,
        check: async () =>
          decide((await loadStream(deps.store, stream, internshipFold)).state)[0].data,
        record: async () =>
          (await runOnStream(deps.store, stream, internshipFold, decide, meta)).position,
        isReturned: async () => {
          const { state } = await loadStream(deps.store, stream, internshipFold);
          return state.tranche?.trancheId === cmd.trancheId && returnedIn(state.tranche);
        },
      };
    }
  }
}

/**
 * ReturnDisbursement (退票, issue #14), a process on the return's bank
 * reference like a payment (ADR 0002): check the return on the tranche (404,
 * 409 R-PAY once returned, 422 R-DATE) before anything is written, claim the
 * bank reference (counted once across payments, recoveries and returns),
 * record the return on the tranche's stream (deciding again: of two returns
 * racing, one append wins and the other is refused 409), free the tranche's
 * batch claim when a batch item paid it (a new batch may take it), then
 * settle the reference. A crash before the settlement leaves the claim open:
 * the request retried, or recovery (`finishReturnUse`), finishes it.
 */
export async function returnDisbursement(
  deps: LedgerDeps,
  ctx: CommandContext,
  input: DisbursementReturnInput,
): Promise<Written<DisbursementReturnResult>> {
  const cmd: ReturnDisbursementCommand = { ...input, returnedBy: ctx.actorId };
  const data = await trancheReturn(deps, ctx, cmd).check();
  const claimed = await claimBankReference(
    deps,
    ctx,
    {
      kind: 'return',
      bankRef: input.bankRef,
      processId: returnProcessIdOf(input.disbursementId),
      disbursementId: input.disbursementId,
      trancheId: input.trancheId,
      amountFen: data.amountFen,
      returnedOn: input.returnedOn,
      reason: input.reason,
      returnedBy: ctx.actorId,
    },
    undefined,
  );
  const done = await recordAndSettle(deps, ctx, claimed.use as ReturnUse);
  if (done.refusal) throw done.refusal;
  return {
    result: {
      disbursementId: input.disbursementId,
      trancheId: input.trancheId,
      amountFen: data.amountFen,
      returnedOn: input.returnedOn,
    },
    position: laterPosition(claimed.position, done.position),
  };
}

async function recordAndSettle(
  deps: LedgerDeps,
  ctx: CommandContext,
  use: ReturnUse,
): Promise<{ position: number | undefined; refusal?: LedgerError }> {
  // The use carries the whole command, so recovery decides the return as the request did.
  const r = trancheReturn(deps, ctx, use);
  let position: number | undefined;
  try {
    position = await r.record();
  } catch (err) {
    if (!(err instanceof LedgerError)) throw err; // not decided: the claim stays open for recovery
    // The same return presented twice: the other copy recorded it, the reference backs it.
    const recorded = await r.isReturned();
    if (recorded) position = await afterReturn(deps, ctx, use, r.stream);
    const settled = await settleBankReference(deps, ctx, use, recorded, err.message);
    return { position: laterPosition(position, settled), refusal: err };
  }
  const after = await afterReturn(deps, ctx, use, r.stream);
  const settled = await settleBankReference(deps, ctx, use, true, '');
  return { position: laterPosition(laterPosition(position, after), settled) };
}

/** The steps after the return is on the tranche's stream, each idempotent. */
async function afterReturn(
  deps: LedgerDeps,
  ctx: CommandContext,
  use: ReturnUse,
  trancheStream: string,
): Promise<number | undefined> {
  const retaken = await retakePaidInFullSeats(deps, ctx, use);
  const released = await releaseBatchClaim(deps, ctx, use, trancheStream);
  return laterPosition(retaken, released);
}

/**
 * R-SEAT-8: claims are paid in full only while the payment that paid them
 * stands; when a last tranche's payment comes back, the seats its
 * paid-in-full released are held again (the next payment releases them, as
 * a process of its own).
 */
async function retakePaidInFullSeats(
  deps: LedgerDeps,
  ctx: CommandContext,
  use: ReturnUse,
): Promise<number | undefined> {
  const ref = trancheRefOf(use.trancheId);
  if (ref?.programme !== 'seat') return undefined;
  const { state } = await loadStream(
    deps.store,
    streams.seatApplication(ref.applicationId),
    seatApplicationFold,
  );
  const releasedBy = returnedPaidInFullOf(state, use.trancheId, use.disbursementId);
  if (releasedBy === undefined) return undefined;
  return retakeSeats(
    deps,
    state.enterpriseId,
    {
      applicationId: ref.applicationId,
      releasedBy,
      retakenOn: use.returnedOn,
      cause: { kind: 'returned', id: use.processId },
    },
    () => metadataFor(ctx, use.returnedOn, undefined, use.processId),
  );
}

/**
 * A tranche is free for another batch once its payment came back: the claim
 * of the batch item that paid it, or of a batch it was paid by hand past
 * (`claimFreedByReturn`).
 */
async function releaseBatchClaim(
  deps: LedgerDeps,
  ctx: CommandContext,
  use: ReturnUse,
  trancheStream: string,
): Promise<number | undefined> {
  const batchStream = streams.trancheBatch(use.trancheId);
  const { state, events } = await loadStream(deps.store, batchStream, trancheBatchFold);
  const live = state.live;
  if (!live) return undefined;
  const claimedAt = [...events]
    .reverse()
    .find((e) => e.type === 'TrancheBatched' && e.data['itemId'] === live.itemId)?.position;
  const paidAt =
    live.itemId === use.disbursementId
      ? undefined
      : (await deps.store.readStream(trancheStream)).find(
          (e) =>
            e.type.endsWith('TrancheDisbursed') && e.data['disbursementId'] === use.disbursementId,
        )?.position;
  const itemId = claimFreedByReturn(
    claimedAt === undefined ? undefined : { itemId: live.itemId, claimedAt },
    { disbursementId: use.disbursementId, paidAt },
  );
  if (itemId === undefined) return undefined;
  const released = await runOnStream(
    deps.store,
    batchStream,
    trancheBatchFold,
    (s) =>
      decideReleaseTrancheBatch(s, {
        trancheId: use.trancheId,
        itemId,
        reason:
          itemId === use.disbursementId
            ? `payment returned on ${use.returnedOn} (退票)`
            : `payment ${use.disbursementId}, made by hand while the batch held the tranche, returned on ${use.returnedOn} (退票)`,
      }),
    () => metadataFor(ctx, use.returnedOn, undefined, use.processId),
  );
  return released.position;
}

/** Recovery of a return claim left open by a crash (ADR 0002): record it if it can be, then settle. */
export async function finishReturnUse(
  deps: LedgerDeps,
  ctx: CommandContext,
  use: ReturnUse,
): Promise<Written<{ disbursementId: string }>> {
  const done = await recordAndSettle(deps, ctx, use);
  return { result: { disbursementId: use.disbursementId }, position: done.position };
}
