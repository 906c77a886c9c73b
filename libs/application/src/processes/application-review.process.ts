import {
  decideCompleteRejectedReleases,
  decideReleaseMonths,
  decideReviewApplication,
  notFound,
  ReviewApplicationCommand,
  SeatApplicationEvent,
  streams,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { personFold, seatApplicationFold } from '../stream-decider';
import { releaseSeats } from './seats-held.process';

export interface ReviewResult {
  claims: { claimId: string; status: 'approved' | 'rejected' }[];
}

/**
 * ReviewApplication; rejected claims then give their months back on each
 * person and their seats back on the enterprise (R-SEAT-8).
 */
export async function reviewApplication(
  deps: LedgerDeps,
  ctx: CommandContext,
  applicationId: string,
  cmd: ReviewApplicationCommand,
): Promise<Written<ReviewResult>> {
  const appStream = streams.seatApplication(applicationId);
  const { state: before } = await loadStream(deps.store, appStream, seatApplicationFold);
  if (!before.exists) throw notFound(`seat application ${applicationId}`);
  const started = await runOnStream(
    deps.store,
    appStream,
    seatApplicationFold,
    (s) => decideReviewApplication(s, cmd),
    () => metadataFor(ctx, cmd.decidedOn),
  );
  const finished = await finishRejectedReleases(deps, ctx, applicationId, cmd.processId);
  return {
    result: {
      claims: cmd.decisions.map((d) => ({
        claimId: d.claimId,
        status: d.approve ? 'approved' : 'rejected',
      })),
    },
    position: laterPosition(started.position, finished.position),
  };
}

export async function finishRejectedReleases(
  deps: LedgerDeps,
  ctx: CommandContext,
  applicationId: string,
  processId: string,
): Promise<Written<null>> {
  const appStream = streams.seatApplication(applicationId);
  const { state: app, events } = await loadStream(deps.store, appStream, seatApplicationFold);
  if (!app.openProcesses.has(processId)) return { result: null, position: undefined };
  const review = events
    .map((e) => ({ type: e.type, data: e.data }) as SeatApplicationEvent)
    .find((e) => e.type === 'ApplicationReviewed' && e.data.processId === processId);
  if (!review || review.type !== 'ApplicationReviewed') throw notFound(`review ${processId}`);
  const rejected = review.data.decisions.filter((d) => !d.approve);
  const meta = () => metadataFor(ctx, review.data.decidedOn, undefined, processId);
  let position: number | undefined;
  for (const d of rejected) {
    const claim = app.claims.get(d.claimId);
    if (!claim) continue;
    const step = await runOnStream(
      deps.store,
      streams.person(claim.personKey),
      personFold,
      (s) =>
        decideReleaseMonths(s, {
          stepId: `${processId}:reject:${d.claimId}`,
          personKey: claim.personKey,
          claimId: d.claimId,
          reason: d.reason ?? 'rejected at review',
          releasedOn: review.data.decidedOn,
        }),
      meta,
    );
    position = laterPosition(position, step.position);
  }
  // R-SEAT-8: a rejected claim holds no seat.
  const released = await releaseSeats(
    deps,
    app.enterpriseId,
    {
      applicationId,
      claimIds: rejected.map((d) => d.claimId),
      releasedOn: review.data.decidedOn,
      cause: { kind: 'rejected', id: processId },
    },
    meta,
  );
  position = laterPosition(position, released);
  const done = await runOnStream(
    deps.store,
    appStream,
    seatApplicationFold,
    (s) =>
      decideCompleteRejectedReleases(
        s,
        processId,
        rejected.map((d) => d.claimId),
      ),
    meta,
  );
  return { result: null, position: laterPosition(position, done.position) };
}
