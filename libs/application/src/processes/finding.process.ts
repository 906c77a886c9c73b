import {
  applicationIdOfClaim,
  CaseEvent,
  checkFalseClaim,
  claimsSettledAtOnce,
  decideCompleteFinding,
  decideFindClaimFalse,
  decideRecordFinding,
  decideReleaseCap,
  decideReleaseMonths,
  FalseClaimOutcome,
  falseClaimOutcome,
  FalseClaimRef,
  notFound,
  SeatApplicationState,
  streams,
} from '@ledger/domain';
import { RecordedEvent } from '@ledger/event-store/event-store.port';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { caseFold, personFold, seatApplicationFold } from '../stream-decider';
import { releaseSeats } from './seats-held.process';

export interface FindingInput {
  findingId: string;
  foundOn: string;
  note: string;
  falseClaimIds: string[];
}

export interface FindingResult {
  findingId: string;
  /** Paid amounts now due back, one per claim and payment. */
  clawbacks: { claimId: string; trancheId: string; disbursementId: string; amountFen: number }[];
  /** Approved, unpaid amounts cancelled (their cap reservations released at once). */
  cancelled: { claimId: string; trancheId: string; amountFen: number }[];
  clawbackDueFen: number;
  cancelledFen: number;
  /** Claims another case's finding had already named false: nothing was done to them here. */
  alreadyFalse: { claimId: string; caseId: string }[];
}

/**
 * RecordFinding (R-FRAUD) as a process (ADR 0002): `FindingRecorded` on the
 * case names the false claims; on each claim's application stream
 * `ClaimFoundFalse` with `ClaimWithdrawnFromTranche` (cause `finding`) for
 * approved-unpaid amounts and `ClawbackAssessed` for each paid one; on each
 * person stream `CapReleased` for the cancelled reservations (and the months
 * of a claim with nothing paid); then `FindingApplied` on the case with what
 * each application stream did. The claims are checked first, so a bad claim
 * id is refused with nothing written.
 */
export async function recordFinding(
  deps: LedgerDeps,
  ctx: CommandContext,
  caseId: string,
  input: FindingInput,
): Promise<Written<FindingResult>> {
  const { state: c } = await loadStream(deps.store, streams.case(caseId), caseFold);
  if (!c.exists) throw notFound(`case ${caseId}`);
  const apps = new Map<string, SeatApplicationState>();
  const claims: FalseClaimRef[] = [];
  for (const claimId of input.falseClaimIds) {
    const applicationId = applicationIdOfClaim(claimId);
    if (!applicationId) throw notFound(`claim ${claimId}`);
    let app = apps.get(applicationId);
    if (!app) {
      app = (
        await loadStream(deps.store, streams.seatApplication(applicationId), seatApplicationFold)
      ).state;
      apps.set(applicationId, app);
    }
    const claim = checkFalseClaim(app, claimId, c.enterpriseId);
    claims.push({
      claimId,
      applicationId,
      personKey: claim.personKey,
      personIdMasked: claim.personIdMasked,
    });
  }
  const started = await runOnStream(
    deps.store,
    streams.case(caseId),
    caseFold,
    (s) =>
      decideRecordFinding(s, {
        findingId: input.findingId,
        foundOn: input.foundOn,
        note: input.note,
        recordedBy: ctx.actorId,
        claims,
      }),
    () => metadataFor(ctx, input.foundOn),
  );
  const finished = await finishFinding(deps, ctx, caseId, input.findingId);
  return { result: finished.result, position: laterPosition(started.position, finished.position) };
}

const asCaseEvents = (events: RecordedEvent[]) =>
  events.map((e) => ({ type: e.type, data: e.data }) as CaseEvent);

export async function finishFinding(
  deps: LedgerDeps,
  ctx: CommandContext,
  caseId: string,
  findingId: string,
): Promise<Written<FindingResult>> {
  const caseStream = streams.case(caseId);
  const { events } = await loadStream(deps.store, caseStream, caseFold);
  const history = asCaseEvents(events);
  const applied = history.find(
    (e) => e.type === 'FindingApplied' && e.data.findingId === findingId,
  );
  if (applied?.type === 'FindingApplied') {
    return {
      result: findingResultOf(applied.data.findingId, applied.data.claims),
      position: undefined,
    };
  }
  const recorded = history.find(
    (e) => e.type === 'FindingRecorded' && e.data.findingId === findingId,
  );
  if (recorded?.type !== 'FindingRecorded') throw notFound(`finding ${findingId}`);
  const { foundOn, claims } = recorded.data;
  const meta = () => metadataFor(ctx, foundOn, undefined, findingId);
  let position: number | undefined;

  const outcomes: FalseClaimOutcome[] = [];
  for (const ref of claims) {
    const step = await runOnStream(
      deps.store,
      streams.seatApplication(ref.applicationId),
      seatApplicationFold,
      (s) => decideFindClaimFalse(s, { caseId, findingId, claimId: ref.claimId, foundOn }),
      meta,
    );
    position = laterPosition(position, step.position);
    // What the step did, read back from the application: another finding may have got there first.
    outcomes.push(falseClaimOutcome(step.state, ref.claimId, { caseId, findingId }));
  }

  for (const claim of outcomes) {
    if (claim.status !== 'found') continue;
    for (const t of claim.tranches) {
      if (t.cancelledFen === 0) continue;
      const released = await runOnStream(
        deps.store,
        streams.person(claim.personKey),
        personFold,
        (s) =>
          decideReleaseCap(s, {
            reservationId: t.reservationId,
            personKey: claim.personKey,
            releasedOn: foundOn,
            reason: `claim ${claim.claimId} found false in case ${caseId}: its unpaid amount is cancelled`,
            cause: { kind: 'finding', id: findingId },
          }),
        meta,
      );
      position = laterPosition(position, released.position);
    }
  }

  // R-SEAT-8: a claim found false holds no seat.
  for (const ref of claims) {
    const found = outcomes.find((o) => o.claimId === ref.claimId && o.status === 'found');
    if (!found) continue;
    const seats = await releaseSeats(
      deps,
      recorded.data.enterpriseId,
      {
        applicationId: ref.applicationId,
        claimIds: [ref.claimId],
        releasedOn: foundOn,
        cause: { kind: 'found-false', id: findingId },
      },
      meta,
    );
    position = laterPosition(position, seats);
  }

  const settled = claimsSettledAtOnce(outcomes);
  for (const claimId of settled) {
    const claim = outcomes.find((o) => o.claimId === claimId);
    if (!claim) continue;
    const released = await runOnStream(
      deps.store,
      streams.person(claim.personKey),
      personFold,
      (s) =>
        decideReleaseMonths(s, {
          stepId: `${findingId}:release:${claimId}`,
          personKey: claim.personKey,
          claimId,
          reason: `claim found false in case ${caseId} with nothing paid`,
          releasedOn: foundOn,
        }),
      meta,
    );
    position = laterPosition(position, released.position);
  }

  const done = await runOnStream(
    deps.store,
    caseStream,
    caseFold,
    (s) => decideCompleteFinding(s, findingId, outcomes, settled),
    meta,
  );
  position = laterPosition(position, done.position);
  return { result: findingResultOf(findingId, outcomes), position };
}

export function findingResultOf(
  findingId: string,
  claims: readonly FalseClaimOutcome[],
): FindingResult {
  const result: FindingResult = {
    findingId,
    clawbacks: [],
    cancelled: [],
    clawbackDueFen: 0,
    cancelledFen: 0,
    alreadyFalse: [],
  };
  for (const claim of claims) {
    if (claim.status === 'alreadyFalse') {
      result.alreadyFalse.push({ claimId: claim.claimId, caseId: claim.foundFalseBy.caseId });
      continue;
    }
    for (const t of claim.tranches) {
      if (t.payment) {
        result.clawbacks.push({
          claimId: claim.claimId,
          trancheId: t.trancheId,
          disbursementId: t.payment.disbursementId,
          amountFen: t.payment.amountFen,
        });
        result.clawbackDueFen += t.payment.amountFen;
      }
      if (t.cancelledFen > 0) {
        result.cancelled.push({
          claimId: claim.claimId,
          trancheId: t.trancheId,
          amountFen: t.cancelledFen,
        });
        result.cancelledFen += t.cancelledFen;
      }
    }
  }
  return result;
}
