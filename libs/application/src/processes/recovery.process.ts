import {
  caseTotals,
  decideCompleteRecovery,
  decideRecordRecovery,
  decideReleaseCap,
  decideReleaseMonths,
  notFound,
  RecoveryAllocation,
  streams,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { liftPartySuspension } from '../standing/party-suspension';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { caseFold, personFold } from '../stream-decider';

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
 */
export async function recordRecovery(
  deps: LedgerDeps,
  ctx: CommandContext,
  caseId: string,
  input: RecoveryInput,
): Promise<Written<RecoveryResult>> {
  const started = await runOnStream(
    deps.store,
    streams.case(caseId),
    caseFold,
    (s) => {
      if (!s.exists) throw notFound(`case ${caseId}`);
      return decideRecordRecovery(s, { ...input, recordedBy: ctx.actorId });
    },
    () => metadataFor(ctx, input.receivedOn),
  );
  const finished = await finishRecovery(deps, ctx, caseId, input.recoveryId);
  return { result: finished.result, position: laterPosition(started.position, finished.position) };
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
