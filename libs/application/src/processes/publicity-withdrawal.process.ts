import {
  applicationIdOfTranche,
  decideReleaseCap,
  decideReleaseInternshipReward,
  decideReleaseLeaseSeats,
  decideReleaseReward,
  decideWithdrawClaim,
  decideWithdrawIntern,
  decideWithdrawSiteTranche,
  streams,
  trancheRefOf,
} from '@ledger/domain';
import { metadataFor } from '../command-context';
import { LedgerDeps } from '../ledger-deps';
import { laterPosition, runOnStream } from '../stream-command';
import {
  effectiveSeatsFold,
  internshipFold,
  personFold,
  schoolFold,
  seatApplicationFold,
  siteFold,
} from '../stream-decider';
import { releaseSeats } from './seats-held.process';

/**
 * What an upheld objection withdraws, per programme, and what the withdrawal
 * releases: a person's cap reservation (seat), the lease seats counted for a
 * year (site), the person's internship reward (internship).
 */

export interface Withdrawal {
  trancheId: string;
  claimId: string;
  resolvedOn: string;
  reason: string;
  objectionId: string;
  publicityId: string;
}
export type Meta = () => ReturnType<typeof metadataFor>;

/** Withdraws the objected claim on whichever stream owns its tranche. */
export async function withdrawObjectedClaim(
  deps: LedgerDeps,
  w: Withdrawal,
  meta: Meta,
): Promise<{ position: number | undefined; withdrawnFen: number }> {
  const ref = trancheRefOf(w.trancheId);
  switch (ref?.programme) {
    case 'site':
      return withdrawSiteTranche(deps, ref.siteId, w, meta);
    case 'internship':
      return withdrawIntern(deps, ref.applicationId, w, meta);
    default:
      return withdrawSeatClaim(deps, applicationIdOfTranche(w.trancheId) ?? '', w, meta);
  }
}

/** Seat: the claim leaves its unpaid tranche; its cap reservation and its seat (R-SEAT-8) are released. */
async function withdrawSeatClaim(
  deps: LedgerDeps,
  applicationId: string,
  w: Withdrawal,
  meta: Meta,
): Promise<{ position: number | undefined; withdrawnFen: number }> {
  let position: number | undefined;
  const withdrawn = await runOnStream(
    deps.store,
    streams.seatApplication(applicationId),
    seatApplicationFold,
    (s) =>
      decideWithdrawClaim(s, {
        trancheId: w.trancheId,
        claimId: w.claimId,
        withdrawnOn: w.resolvedOn,
        objectionId: w.objectionId,
        publicityId: w.publicityId,
      }),
    meta,
  );
  position = laterPosition(position, withdrawn.position);
  const t = withdrawn.state.tranches.get(w.trancheId);
  const included = t?.included.find((c) => c.claimId === w.claimId);
  const withdrawnFen = t?.withdrawn.get(w.claimId) ?? 0;
  if (included && t?.withdrawn.has(w.claimId)) {
    const released = await runOnStream(
      deps.store,
      streams.person(included.personKey),
      personFold,
      (s) =>
        decideReleaseCap(s, {
          reservationId: included.reservationId,
          personKey: included.personKey,
          releasedOn: w.resolvedOn,
          reason: w.reason,
          cause: { kind: 'objection', id: w.objectionId },
        }),
      meta,
    );
    position = laterPosition(position, released.position);
    // R-SEAT-8: the withdrawn claim holds no seat.
    const seats = await releaseSeats(
      deps,
      withdrawn.state.enterpriseId,
      {
        applicationId,
        claimIds: [w.claimId],
        releasedOn: w.resolvedOn,
        cause: { kind: 'withdrawn', id: w.objectionId },
      },
      meta,
    );
    position = laterPosition(position, seats);
  }
  return { position, withdrawnFen };
}

/**
 * Site: the tranche's one "claim" is the enterprise; upheld, the tranche pays
 * nothing, and a lease tranche's seats are no longer counted for its year.
 */
async function withdrawSiteTranche(
  deps: LedgerDeps,
  siteId: string,
  w: Withdrawal,
  meta: Meta,
): Promise<{ position: number | undefined; withdrawnFen: number }> {
  const withdrawn = await runOnStream(
    deps.store,
    streams.site(siteId),
    siteFold,
    (s) =>
      decideWithdrawSiteTranche(s, {
        trancheId: w.trancheId,
        withdrawnOn: w.resolvedOn,
        objectionId: w.objectionId,
        publicityId: w.publicityId,
      }),
    meta,
  );
  let position = withdrawn.position;
  const site = withdrawn.state;
  const t = site.tranches.get(w.trancheId);
  if (site.kind === 'lease' && t?.withdrawn) {
    const released = await runOnStream(
      deps.store,
      streams.effectiveSeats(site.enterpriseId),
      effectiveSeatsFold,
      (s) =>
        decideReleaseLeaseSeats(s, {
          trancheId: w.trancheId,
          releasedOn: w.resolvedOn,
          reason: w.reason,
        }),
      meta,
    );
    position = laterPosition(position, released.position);
  }
  return { position, withdrawnFen: t?.withdrawn?.amountFen ?? 0 };
}

/** Internship: the person leaves the unpaid tranche; the school may be rewarded for them later. */
async function withdrawIntern(
  deps: LedgerDeps,
  applicationId: string,
  w: Withdrawal,
  meta: Meta,
): Promise<{ position: number | undefined; withdrawnFen: number }> {
  const withdrawn = await runOnStream(
    deps.store,
    streams.internshipApplication(applicationId),
    internshipFold,
    (s) =>
      decideWithdrawIntern(s, {
        trancheId: w.trancheId,
        internId: w.claimId,
        withdrawnOn: w.resolvedOn,
        objectionId: w.objectionId,
        publicityId: w.publicityId,
      }),
    meta,
  );
  let position = withdrawn.position;
  const t = withdrawn.state.tranche;
  const out = t?.withdrawn.get(w.claimId);
  const included = t?.included.find((c) => c.internId === w.claimId);
  if (out && included) {
    const release = {
      trancheId: w.trancheId,
      internId: w.claimId,
      personKey: included.personKey,
      releasedOn: w.resolvedOn,
      reason: w.reason,
      cause: { kind: 'objection', id: w.objectionId },
    };
    // R-INT is decided on the person's stream; a tranche approved before
    // that recorded the person on the school's. Each step is a no-op where
    // the reward is not held.
    const released = await runOnStream(
      deps.store,
      streams.person(included.personKey),
      personFold,
      (s) => decideReleaseInternshipReward(s, release),
      meta,
    );
    const legacy = await runOnStream(
      deps.store,
      streams.school(withdrawn.state.schoolId),
      schoolFold,
      (s) => decideReleaseReward(s, release),
      meta,
    );
    position = laterPosition(position, laterPosition(released.position, legacy.position));
  }
  return { position, withdrawnFen: out?.amountFen ?? 0 };
}
