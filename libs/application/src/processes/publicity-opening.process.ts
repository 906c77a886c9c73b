import {
  checkInternshipPublishable,
  checkPublishable,
  checkSitePublishable,
  conflict,
  currentTrancheAmountFen,
  decideCompletePublicityLinking,
  decideOpenPublicity,
  decidePublicizeInternshipTranche,
  decidePublicizeSiteTranche,
  decidePublicizeTranche,
  EnterpriseState,
  internshipStandard,
  invalidInput,
  leaseStandard,
  notFound,
  policyOfDecision,
  PublicityEntry,
  PublicityStandard,
  PublicityTranche,
  purchaseStandard,
  renovationStandard,
  seatStandard,
  siteProgrammeOf,
  SiteState,
  SiteTrancheState,
  streams,
  trancheRefOf,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import {
  enterpriseFold,
  internshipFold,
  publicityFold,
  schoolFold,
  seatApplicationFold,
  siteFold,
} from '../stream-decider';

/**
 * Opening a publicity notice (R-PUB): the notice is written with its
 * recipients, then linked onto every tranche it names. Objections to it are
 * in publicity-objection.process.ts.
 */

export interface OpenPublicityInput {
  publicityId: string;
  trancheIds: string[];
  startsOn: string;
  endsOn: string;
  /** Where the notice is posted (a website address, a notice board). */
  publishedAt?: string;
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
  const { tranches, entries } = await recipientsOf(deps, input.trancheIds, input.startsOn);
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

/**
 * The tranches a notice covers and its entries, one per recipient, each
 * tranche checked publishable on `startsOn`, each entry with the standard
 * its amount was computed on (R-PUB): the policy version (and special terms)
 * that decided the amount. Names are read once per stream.
 */
async function recipientsOf(
  deps: LedgerDeps,
  trancheIds: readonly string[],
  startsOn: string,
): Promise<{ tranches: PublicityTranche[]; entries: PublicityEntry[] }> {
  const tranches: PublicityTranche[] = [];
  const entries: PublicityEntry[] = [];
  const names = new Map<string, string>();
  const nameOf = async (stream: string, load: () => Promise<string>) => {
    if (!names.has(stream)) names.set(stream, await load());
    return names.get(stream) ?? '';
  };
  const enterprises = new Map<string, EnterpriseState>();
  const enterprise = async (enterpriseId: string) => {
    let state = enterprises.get(enterpriseId);
    if (!state) {
      state = (await loadStream(deps.store, streams.enterprise(enterpriseId), enterpriseFold))
        .state;
      enterprises.set(enterpriseId, state);
    }
    return state;
  };
  const enterpriseName = async (enterpriseId: string) => (await enterprise(enterpriseId)).name;
  for (const trancheId of trancheIds) {
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
        const t = checkPublishable(app, trancheId, startsOn);
        const name = await enterpriseName(app.enterpriseId);
        const standard = seatStandard(deps.policies.byId(t.policyVersion));
        tranches.push({ trancheId, applicationId, enterpriseId: app.enterpriseId });
        for (const c of t.included) {
          if (t.withdrawn.has(c.claimId)) continue;
          const claim = app.claims.get(c.claimId);
          entries.push({
            trancheId,
            claimId: c.claimId,
            programme: 'seat',
            enterpriseId: app.enterpriseId,
            enterpriseName: name,
            personName: claim?.name ?? '',
            personIdMasked: claim?.personIdMasked ?? '',
            standard,
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
        const t = checkSitePublishable(site, trancheId, startsOn);
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
          standard: siteStandardOf(deps, site, t, await enterprise(site.enterpriseId)),
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
        const t = checkInternshipPublishable(app, trancheId, startsOn);
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
        const policy = deps.policies.byId(t.policyVersion);
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
            ...(intern ? { standard: internshipStandard(intern.level, policy) } : {}),
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
  return { tranches, entries };
}

/**
 * R-PUB: a lease year states the per-seat amount it was approved at; a
 * renovation or purchase the parameters its total was decided on at
 * application (the version and special terms the application recorded).
 */
function siteStandardOf(
  deps: LedgerDeps,
  site: SiteState,
  t: SiteTrancheState,
  enterprise: EnterpriseState,
): PublicityStandard {
  switch (site.kind) {
    case 'lease':
      return leaseStandard(t.perSeatFen ?? 0);
    case 'renovation':
      return renovationStandard(policyOfDecision(deps.policies, enterprise.specialTerms, site));
    case 'purchase':
      return purchaseStandard(
        policyOfDecision(deps.policies, enterprise.specialTerms, site),
        t.year ?? 1,
      );
    default: {
      const never: never = site.kind;
      throw new Error(`unknown site kind ${String(never)}`);
    }
  }
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
