import {
  applicationIdOfTranche,
  checkPublishable,
  conflict,
  currentTrancheAmountFen,
  decideCompleteObjectionResolution,
  decideCompletePublicityLinking,
  decideOpenPublicity,
  decidePublicizeTranche,
  decideRaiseObjection,
  decideReleaseCap,
  decideResolveObjection,
  decideWithdrawClaim,
  invalidInput,
  notFound,
  PublicityEntry,
  PublicityEvent,
  streams,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { enterpriseFold, personFold, publicityFold, seatApplicationFold } from '../stream-decider';

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
  const tranches: { trancheId: string; applicationId: string; enterpriseId: string }[] = [];
  const entries: PublicityEntry[] = [];
  const enterpriseNames = new Map<string, string>();
  for (const trancheId of input.trancheIds) {
    const applicationId = applicationIdOfTranche(trancheId);
    if (!applicationId) throw notFound(`tranche ${trancheId}`);
    const { state: app } = await loadStream(
      deps.store,
      streams.seatApplication(applicationId),
      seatApplicationFold,
    );
    const t = checkPublishable(app, trancheId, input.startsOn);
    if (!enterpriseNames.has(app.enterpriseId)) {
      const { state: e } = await loadStream(
        deps.store,
        streams.enterprise(app.enterpriseId),
        enterpriseFold,
      );
      enterpriseNames.set(app.enterpriseId, e.name);
    }
    tranches.push({ trancheId, applicationId, enterpriseId: app.enterpriseId });
    for (const c of t.included) {
      if (t.withdrawn.has(c.claimId)) continue;
      const claim = app.claims.get(c.claimId);
      entries.push({
        trancheId,
        claimId: c.claimId,
        enterpriseId: app.enterpriseId,
        enterpriseName: enterpriseNames.get(app.enterpriseId) ?? '',
        personName: claim?.name ?? '',
        personIdMasked: claim?.personIdMasked ?? '',
        amountFen: c.amountFen,
      });
    }
    if (currentTrancheAmountFen(t) === 0)
      throw invalidInput('trancheIds', `tranche ${trancheId} pays nobody`);
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
    const step = await runOnStream(
      deps.store,
      streams.seatApplication(t.applicationId),
      seatApplicationFold,
      (s) =>
        decidePublicizeTranche(s, {
          trancheId: t.trancheId,
          publicityId,
          startsOn: pub.startsOn,
          endsOn: pub.endsOn,
        }),
      meta,
    );
    position = laterPosition(position, step.position);
    if (step.state.tranches.get(t.trancheId)?.publicity?.publicityId === publicityId)
      linked.push(t.trancheId);
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
    const appId = applicationIdOfTranche(objection.trancheId) ?? '';
    const { state: app } = await loadStream(
      deps.store,
      streams.seatApplication(appId),
      seatApplicationFold,
    );
    const paid = app.tranches.get(objection.trancheId)?.disbursement;
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
  const applicationId = applicationIdOfTranche(trancheId) ?? '';
  const meta = () => metadataFor(ctx, resolvedOn, undefined, objectionId);
  let position: number | undefined;
  const withdrawn = await runOnStream(
    deps.store,
    streams.seatApplication(applicationId),
    seatApplicationFold,
    (s) =>
      decideWithdrawClaim(s, {
        trancheId,
        claimId,
        withdrawnOn: resolvedOn,
        objectionId,
        publicityId,
      }),
    meta,
  );
  position = laterPosition(position, withdrawn.position);
  const t = withdrawn.state.tranches.get(trancheId);
  const included = t?.included.find((c) => c.claimId === claimId);
  const withdrawnFen = t?.withdrawn.get(claimId) ?? 0;
  if (included && t?.withdrawn.has(claimId)) {
    const released = await runOnStream(
      deps.store,
      streams.person(included.personKey),
      personFold,
      (s) =>
        decideReleaseCap(s, {
          reservationId: included.reservationId,
          personKey: included.personKey,
          releasedOn: resolvedOn,
          reason: resolved.data.reason,
          cause: { kind: 'objection', id: objectionId },
        }),
      meta,
    );
    position = laterPosition(position, released.position);
  }
  const done = await runOnStream(
    deps.store,
    pubStream,
    publicityFold,
    (s) => decideCompleteObjectionResolution(s, objectionId, withdrawnFen),
    meta,
  );
  return { result: withdrawnFen, position: laterPosition(position, done.position) };
}
