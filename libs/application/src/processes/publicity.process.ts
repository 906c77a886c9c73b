import {
  applicationIdOfTranche,
  checkInternshipPublishable,
  checkPublishable,
  checkSitePublishable,
  conflict,
  currentTrancheAmountFen,
  decideCompleteObjectionResolution,
  decideCompletePublicityLinking,
  decideOpenPublicity,
  decidePublicizeInternshipTranche,
  decidePublicizeSiteTranche,
  decidePublicizeTranche,
  decideRaiseObjection,
  decideReleaseCap,
  decideReleaseLeaseSeats,
  decideReleaseReward,
  decideResolveObjection,
  decideWithdrawClaim,
  decideWithdrawIntern,
  decideWithdrawSiteTranche,
  invalidInput,
  notFound,
  PublicityEntry,
  PublicityEvent,
  PublicityTranche,
  siteProgrammeOf,
  streams,
  trancheRefOf,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import {
  effectiveSeatsFold,
  enterpriseFold,
  internshipFold,
  personFold,
  publicityFold,
  schoolFold,
  seatApplicationFold,
  siteFold,
} from '../stream-decider';
import { releaseSeats } from './seats-held.process';

export interface OpenPublicityInput {
  publicityId: string;
  trancheIds: string[];
  startsOn: string;
  endsOn: string;
}

/**
 * R-PUB: the notice lists every recipient of the tranches; then each tranche's
 * application records which notice it is on, which is what a payment checks.
 */
export async function openPublicity(
  deps: LedgerDeps,
  ctx: CommandContext,
  input: OpenPublicityInput,
): Promise<Written<{ publicityId: string }>> {
  const policy = deps.policies.inForceOn(input.startsOn);
  if (new Set(input.trancheIds).size !== input.trancheIds.length) {
    throw invalidInput('trancheIds', 'a tranche is named twice');
  }
  const tranches: PublicityTranche[] = [];
  const entries: PublicityEntry[] = [];
  const names = new Map<string, string>();
  const nameOf = async (stream: string, load: () => Promise<string>) => {
    if (!names.has(stream)) names.set(stream, await load());
    return names.get(stream) ?? '';
  };
  const enterpriseName = (enterpriseId: string) =>
    nameOf(streams.enterprise(enterpriseId), async () => {
      const { state } = await loadStream(
        deps.store,
        streams.enterprise(enterpriseId),
        enterpriseFold,
      );
      return state.name;
    });
  for (const trancheId of input.trancheIds) {
    const ref = trancheRefOf(trancheId);
    if (!ref) throw notFound(`tranche ${trancheId}`);
    switch (ref.programme) {
      case 'seat': {
        const applicationId = ref.applicationId;
        const { state: app } = await loadStream(
          deps.store,
          streams.seatApplication(applicationId),
          seatApplicationFold,
        );
        const t = checkPublishable(app, trancheId, input.startsOn);
        const name = await enterpriseName(app.enterpriseId);
        tranches.push({ trancheId, applicationId, enterpriseId: app.enterpriseId });
        for (const c of t.included) {
          if (t.withdrawn.has(c.claimId)) continue;
          const claim = app.claims.get(c.claimId);
          entries.push({
            trancheId,
            claimId: c.claimId,
            enterpriseId: app.enterpriseId,
            enterpriseName: name,
            personName: claim?.name ?? '',
            personIdMasked: claim?.personIdMasked ?? '',
            amountFen: c.amountFen,
          });
        }
        if (currentTrancheAmountFen(t) === 0)
          throw invalidInput('trancheIds', `tranche ${trancheId} pays nobody`);
        break;
      }
      case 'site': {
        // R-PUB for a site tranche: the enterprise is the recipient; no person is named.
        const { state: site } = await loadStream(deps.store, streams.site(ref.siteId), siteFold);
        const t = checkSitePublishable(site, trancheId, input.startsOn);
        const programme = siteProgrammeOf(site.kind);
        tranches.push({
          trancheId,
          applicationId: ref.siteId,
          enterpriseId: site.enterpriseId,
          programme,
        });
        entries.push({
          trancheId,
          claimId: trancheId,
          programme,
          enterpriseId: site.enterpriseId,
          enterpriseName: await enterpriseName(site.enterpriseId),
          amountFen: t.amountFen,
        });
        break;
      }
      case 'internship': {
        // R-PUB for an internship tranche: the school, and each person with a masked ID.
        const { state: app } = await loadStream(
          deps.store,
          streams.internshipApplication(ref.applicationId),
          internshipFold,
        );
        const t = checkInternshipPublishable(app, trancheId, input.startsOn);
        const schoolName = await nameOf(streams.school(app.schoolId), async () => {
          const { state } = await loadStream(deps.store, streams.school(app.schoolId), schoolFold);
          return state.name;
        });
        tranches.push({
          trancheId,
          applicationId: ref.applicationId,
          schoolId: app.schoolId,
          programme: 'internship',
        });
        for (const c of t.included) {
          if (t.withdrawn.has(c.internId)) continue;
          const intern = app.interns.get(c.internId);
          entries.push({
            trancheId,
            claimId: c.internId,
            programme: 'internship',
            schoolId: app.schoolId,
            schoolName,
            personName: intern?.name ?? '',
            personIdMasked: intern?.personIdMasked ?? '',
            amountFen: c.amountFen,
          });
        }
        break;
      }
      default: {
        const never: never = ref;
        throw notFound(`tranche ${JSON.stringify(never)}`);
      }
    }
  }
  const started = await runOnStream(
    deps.store,
    streams.publicity(input.publicityId),
    publicityFold,
    (s) => decideOpenPublicity(s, { ...input, tranches, entries }, policy),
    () => metadataFor(ctx, input.startsOn, policy.id),
  );
  const finished = await finishPublicityLinking(deps, ctx, input.publicityId);
  if (finished.result.notLinked.length > 0) {
    // Another notice took a tranche between our check and our link; this
    // notice still stands for the rest and says which it does not cover.
    throw conflict(
      `tranches ${finished.result.notLinked.join(', ')} were put on another notice meanwhile`,
      {
        publicityId: input.publicityId,
      },
    );
  }
  return {
    result: { publicityId: input.publicityId },
    position: laterPosition(started.position, finished.position),
  };
}

export async function finishPublicityLinking(
  deps: LedgerDeps,
  ctx: CommandContext,
  publicityId: string,
): Promise<Written<{ linked: string[]; notLinked: string[] }>> {
  const pubStream = streams.publicity(publicityId);
  const { state: pub } = await loadStream(deps.store, pubStream, publicityFold);
  if (!pub.exists) throw notFound(`publicity ${publicityId}`);
  const meta = () => metadataFor(ctx, pub.startsOn, undefined, publicityId);
  let position: number | undefined;
  const linked: string[] = [];
  const notLinked: string[] = [];
  for (const t of pub.tranches) {
    const link = {
      trancheId: t.trancheId,
      publicityId,
      startsOn: pub.startsOn,
      endsOn: pub.endsOn,
    };
    const step = await linkTranche(deps, t.trancheId, link, meta);
    position = laterPosition(position, step.position);
    if (step.linkedTo === publicityId) linked.push(t.trancheId);
    else notLinked.push(t.trancheId);
  }
  const done = await runOnStream(
    deps.store,
    pubStream,
    publicityFold,
    (s) => decideCompletePublicityLinking(s, linked, notLinked),
    meta,
  );
  return { result: { linked, notLinked }, position: laterPosition(position, done.position) };
}

/** Links one tranche, on whichever stream owns it, to its notice; idempotent. */
async function linkTranche(
  deps: LedgerDeps,
  trancheId: string,
  link: { trancheId: string; publicityId: string; startsOn: string; endsOn: string },
  meta: () => ReturnType<typeof metadataFor>,
): Promise<{ position: number | undefined; linkedTo: string | undefined }> {
  const ref = trancheRefOf(trancheId);
  if (!ref) throw notFound(`tranche ${trancheId}`);
  switch (ref.programme) {
    case 'seat': {
      const step = await runOnStream(
        deps.store,
        streams.seatApplication(ref.applicationId),
        seatApplicationFold,
        (s) => decidePublicizeTranche(s, link),
        meta,
      );
      const linkedTo = step.state.tranches.get(trancheId)?.publicity?.publicityId;
      return { position: step.position, linkedTo };
    }
    case 'site': {
      const step = await runOnStream(
        deps.store,
        streams.site(ref.siteId),
        siteFold,
        (s) => decidePublicizeSiteTranche(s, link),
        meta,
      );
      const linkedTo = step.state.tranches.get(trancheId)?.publicity?.publicityId;
      return { position: step.position, linkedTo };
    }
    case 'internship': {
      const step = await runOnStream(
        deps.store,
        streams.internshipApplication(ref.applicationId),
        internshipFold,
        (s) => decidePublicizeInternshipTranche(s, link),
        meta,
      );
      return { position: step.position, linkedTo: step.state.tranche?.publicity?.publicityId };
    }
    default: {
      const never: never = ref;
      throw notFound(`tranche ${JSON.stringify(never)}`);
    }
  }
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
  const ref = trancheRefOf(trancheId);
  let applied: { position: number | undefined; withdrawnFen: number };
  switch (ref?.programme) {
    case 'site':
      applied = await withdrawSiteTranche(deps, ref.siteId, withdrawal, meta);
      break;
    case 'internship':
      applied = await withdrawIntern(deps, ref.applicationId, withdrawal, meta);
      break;
    default:
      applied = await withdrawSeatClaim(
        deps,
        applicationIdOfTranche(trancheId) ?? '',
        withdrawal,
        meta,
      );
  }
  const withdrawnFen = applied.withdrawnFen;
  const position = applied.position;
  const done = await runOnStream(
    deps.store,
    pubStream,
    publicityFold,
    (s) => decideCompleteObjectionResolution(s, objectionId, withdrawnFen),
    meta,
  );
  return { result: withdrawnFen, position: laterPosition(position, done.position) };
}

interface Withdrawal {
  trancheId: string;
  claimId: string;
  resolvedOn: string;
  reason: string;
  objectionId: string;
  publicityId: string;
}
type Meta = () => ReturnType<typeof metadataFor>;

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
    const released = await runOnStream(
      deps.store,
      streams.school(withdrawn.state.schoolId),
      schoolFold,
      (s) =>
        decideReleaseReward(s, {
          trancheId: w.trancheId,
          internId: w.claimId,
          personKey: included.personKey,
          releasedOn: w.resolvedOn,
          reason: w.reason,
          cause: { kind: 'objection', id: w.objectionId },
        }),
      meta,
    );
    position = laterPosition(position, released.position);
  }
  return { position, withdrawnFen: out?.amountFen ?? 0 };
}
