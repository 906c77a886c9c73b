import {
  caseTotals,
  decideCompleteRecovery,
  decideRecordRecovery,
  decideReleaseCap,
  decideReleaseMonths,
  LedgerError,
  notFound,
  RecoveryAllocation,
  RecoveryUse,
  streams,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { liftPartySuspension } from '../standing/party-suspension';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { caseFold, personFold } from '../stream-decider';
import { claimBankReference, settleBankReference } from './bank-reference.process';

export interface RecoveryInput {
  recoveryId: string;
  receivedOn: string;
  amountFen: number;
  bankRef: string;
}

export interface RecoveryResult {
  recoveryId: string;
  allocations: RecoveryAllocation[];
  /** Claims this recovery fully repaid: their cap and months were released (ADR 0005). */
  releasedClaimIds: string[];
  /** It repaid the last of a closed case: the party's suspension by the case is lifted. */
  suspensionLifted: boolean;
  clawbackDueFen: number;
  recoveredFen: number;
  outstandingFen: number;
}

/**
 * RecordRecovery (R-FRAUD): money back repays the case's clawbacks (seat
 * claims, site and internship tranches), oldest payment first; more than is
 * outstanding is 422 with nothing written. When it fully repays a claim, or
 * repays the last of a closed case, it is a process (ADR 0002, 0005):
 * `RecoveryRecorded` → `CapReleased` (cause `recovery`) for each paid
 * reservation of the claim and `PersonMonthsReleased` on its person, then
 * `EnterpriseSuspensionLifted` / `SchoolSuspensionLifted` on the party's
 * stream when it lifts the suspension → `RecoveryApplied`.
 *
 * Its bank reference is unique across the whole ledger, payments included
 * (issue #12): the recovery is checked on the case first (writing nothing),
 * then claims the reference on the `bank-reference-{hash}` stream payments use,
 * then is recorded, then settles the claim (released if the case refused it in
 * the meantime). A crash before the settlement is finished by recovery
 * (`finishRecoveryUse`).
 */
export async function recordRecovery(
  deps: LedgerDeps,
  ctx: CommandContext,
  caseId: string,
  input: RecoveryInput,
): Promise<Written<RecoveryResult>> {
  const { state } = await loadStream(deps.store, streams.case(caseId), caseFold);
  if (!state.exists) throw notFound(`case ${caseId}`);
  const checked = decideRecordRecovery(state, { ...input, recordedBy: ctx.actorId });
  // Already recorded under this id (a retry): nothing to claim.
  if (checked.length === 0) return finishRecovery(deps, ctx, caseId, input.recoveryId);
  const claimed = await claimBankReference(
    deps,
    ctx,
    {
      kind: 'recovery',
      bankRef: input.bankRef,
      processId: input.recoveryId,
      recoveryId: input.recoveryId,
      caseId,
      amountFen: input.amountFen,
      receivedOn: input.receivedOn,
      recordedBy: ctx.actorId,
    },
    undefined,
  );
  const recorded = await recordOnClaim(deps, ctx, claimed.use as RecoveryUse);
  if (recorded.refusal) throw recorded.refusal;
  const finished = await finishRecovery(deps, ctx, caseId, (claimed.use as RecoveryUse).recoveryId);
  return {
    result: finished.result,
    position: laterPosition(laterPosition(claimed.position, recorded.position), finished.position),
  };
}

/** Records the recovery a claim backs on its case, then settles the claim with the outcome. */
async function recordOnClaim(
  deps: LedgerDeps,
  ctx: CommandContext,
  use: RecoveryUse,
): Promise<{ position: number | undefined; refusal?: LedgerError }> {
  let position: number | undefined;
  try {
    const started = await runOnStream(
      deps.store,
      streams.case(use.caseId),
      caseFold,
      (s) => {
        if (!s.exists) throw notFound(`case ${use.caseId}`);
        return decideRecordRecovery(s, {
          recoveryId: use.recoveryId,
          receivedOn: use.receivedOn,
          amountFen: use.amountFen,
          bankRef: use.bankRef,
          recordedBy: use.recordedBy,
        });
      },
      () => metadataFor(ctx, use.receivedOn),
    );
    position = started.position;
  } catch (err) {
    if (!(err instanceof LedgerError)) throw err; // not decided: the claim stays open for recovery
    const { state } = await loadStream(deps.store, streams.case(use.caseId), caseFold);
    const recorded = state.recoveries.has(use.recoveryId);
    return {
      position: await settleBankReference(deps, ctx, use, recorded, err.message),
      refusal: err,
    };
  }
  const settled = await settleBankReference(deps, ctx, use, true, '');
  return { position: laterPosition(position, settled) };
}

/**
 * Recovery of a recovery's claim left open by a crash (ADR 0002): record it
 * on its case as the request would have (or find it recorded), settle the
 * claim, and finish the recovery's own process.
 */
export async function finishRecoveryUse(
  deps: LedgerDeps,
  ctx: CommandContext,
  use: RecoveryUse,
): Promise<void> {
  const recorded = await recordOnClaim(deps, ctx, use);
  if (!recorded.refusal) await finishRecovery(deps, ctx, use.caseId, use.recoveryId);
}

export async function finishRecovery(
  deps: LedgerDeps,
  ctx: CommandContext,
  caseId: string,
  recoveryId: string,
): Promise<Written<RecoveryResult>> {
  const caseStream = streams.case(caseId);
  const { state: c, events } = await loadStream(deps.store, caseStream, caseFold);
  const recorded = events.find(
    (e) => e.type === 'RecoveryRecorded' && e.data['recoveryId'] === recoveryId,
  );
  if (!recorded) throw notFound(`recovery ${recoveryId}`);
  const data = recorded.data as {
    receivedOn: string;
    allocations: RecoveryAllocation[];
    settledClaims: { claimId: string; personKey: string; reservationIds: string[] }[];
    liftsSuspension?: boolean;
  };
  const liftsSuspension = data.liftsSuspension === true;
  const result = (): RecoveryResult => ({
    recoveryId,
    allocations: data.allocations,
    releasedClaimIds: data.settledClaims.map((s) => s.claimId),
    suspensionLifted: liftsSuspension,
    ...caseTotals(c),
  });
  if (!c.openProcesses.has(recoveryId)) return { result: result(), position: undefined };

  const meta = () => metadataFor(ctx, data.receivedOn, undefined, recoveryId);
  let position: number | undefined;
  for (const settled of data.settledClaims) {
    const person = streams.person(settled.personKey);
    for (const reservationId of settled.reservationIds) {
      const released = await runOnStream(
        deps.store,
        person,
        personFold,
        (s) =>
          decideReleaseCap(s, {
            reservationId,
            personKey: settled.personKey,
            releasedOn: data.receivedOn,
            reason: `clawback of claim ${settled.claimId} fully recovered (case ${caseId})`,
            cause: { kind: 'recovery', id: recoveryId },
          }),
        meta,
      );
      position = laterPosition(position, released.position);
    }
    const months = await runOnStream(
      deps.store,
      person,
      personFold,
      (s) =>
        decideReleaseMonths(s, {
          stepId: `${recoveryId}:release:${settled.claimId}`,
          personKey: settled.personKey,
          claimId: settled.claimId,
          reason: `clawback of false claim fully recovered (case ${caseId})`,
          releasedOn: data.receivedOn,
        }),
      meta,
    );
    position = laterPosition(position, months.position);
  }
  if (liftsSuspension) {
    const closedOn = c.closedOn ?? data.receivedOn;
    const lifted = await liftPartySuspension(
      deps,
      c.party,
      {
        caseId,
        liftedOn: data.receivedOn > closedOn ? data.receivedOn : closedOn,
        reason: 'everything the case found due back is recovered',
      },
      meta,
    );
    position = laterPosition(position, lifted);
  }
  const done = await runOnStream(
    deps.store,
    caseStream,
    caseFold,
    (s) =>
      decideCompleteRecovery(
        s,
        recoveryId,
        data.settledClaims.map((x) => x.claimId),
        liftsSuspension,
      ),
    meta,
  );
  return { result: result(), position: laterPosition(position, done.position) };
}
