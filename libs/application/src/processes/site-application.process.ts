import { createHash } from 'node:crypto';
import {
  decideClaimPremises,
  decideCompleteSiteTranche,
  decideCountLeaseSeats,
  decideStartSiteTranche,
  decideSubmitSiteApplication,
  effectiveSeatCountOn,
  Fen,
  SiteEvent,
  siteProgrammeOf,
  LeaseSeatOutcome,
  normalisePremisesAddress,
  notFound,
  policyFor,
  SiteKind,
  SiteLease,
  SiteRenovation,
  SiteState,
  siteTrancheIdOf,
  SiteTrancheState,
  standingOf,
  streams,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { clearTranche } from '../standing/tranche-clearance';
import { settleTrancheBudget, withBudgetCommitment } from './budget.process';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { effectiveSeatsFold, enterpriseFold, premisesFold, siteFold } from '../stream-decider';

/** The premises stream key: a hash of the normalised address (any text makes a safe stream name). */
export const premisesKeyOf = (address: string) =>
  createHash('sha256').update(normalisePremisesAddress(address), 'utf8').digest('hex').slice(0, 40);

export interface SiteApplicationInput {
  siteId: string;
  enterpriseId: string;
  kind: SiteKind;
  submittedOn: string;
  address: string;
  lease?: SiteLease;
  renovation?: SiteRenovation;
  purchase?: { areaDm2: number; purchasedOn: string; certificateRef: string };
}

export interface SiteApplicationResult {
  applicationId: string;
  kind: SiteKind;
  totalFen?: number;
  yearFen?: number[];
}

/**
 * SubmitSiteApplication (R-SITE-*). Like a payment and its bank reference
 * (ADR 0002): everything the application decides is checked first, then the
 * premises is claimed on `premises-{hash}` with `no_stream` (R-SITE-1 on
 * every backend), then the application is written. A crash between the two
 * leaves a claimed premises that the same enterprise's retry of the same kind
 * resumes with the first site id.
 */
export async function submitSiteApplication(
  deps: LedgerDeps,
  ctx: CommandContext,
  input: SiteApplicationInput,
): Promise<Written<SiteApplicationResult>> {
  const { state: enterprise } = await loadStream(
    deps.store,
    streams.enterprise(input.enterpriseId),
    enterpriseFold,
  );
  const effective = policyFor(deps.policies, enterprise, input.submittedOn);
  const premises = { address: input.address, premisesKey: premisesKeyOf(input.address) };
  const command = (siteId: string) => ({
    ...input,
    siteId,
    submittedBy: ctx.actorId,
    submittedByReviewer: ctx.role === 'reviewer',
    premises,
  });
  const standing = standingOf(enterprise, input.enterpriseId);
  // Check first: a refused application must not hold the premises.
  decideSubmitSiteApplication(
    (await loadStream(deps.store, streams.site(input.siteId), siteFold)).state,
    enterprise,
    standing,
    command(input.siteId),
    effective,
  );

  const claimed = await runOnStream(
    deps.store,
    streams.premises(premises.premisesKey),
    premisesFold,
    async (s) => {
      const holder = s.claimed?.siteId;
      const holderExists =
        holder !== undefined &&
        (await deps.store.readStream(streams.site(holder), { maxCount: 1 })).length > 0;
      return decideClaimPremises(
        s,
        {
          premisesKey: premises.premisesKey,
          address: input.address,
          siteId: input.siteId,
          enterpriseId: input.enterpriseId,
          kind: input.kind,
          claimedOn: input.submittedOn,
        },
        holderExists,
      ).events;
    },
    () => metadataFor(ctx, input.submittedOn, effective.policyVersion),
  );
  const siteId = claimed.state.claimed?.siteId ?? input.siteId;

  const written = await runOnStream(
    deps.store,
    streams.site(siteId),
    siteFold,
    async (s) => {
      // The enterprise may have moved on since the check (a suspension): decide again.
      const { state: now } = await loadStream(
        deps.store,
        streams.enterprise(input.enterpriseId),
        enterpriseFold,
      );
      return decideSubmitSiteApplication(
        s,
        now,
        standingOf(now, input.enterpriseId),
        command(siteId),
        effective,
      );
    },
    () => metadataFor(ctx, input.submittedOn, effective.policyVersion),
  );
  return {
    result: siteApplicationResultOf(written.state),
    position: laterPosition(claimed.position, written.position),
  };
}

export function siteApplicationResultOf(state: SiteState): SiteApplicationResult {
  const r: SiteApplicationResult = { applicationId: state.siteId, kind: state.kind };
  if (state.totalFen !== undefined) r.totalFen = state.totalFen;
  if (state.yearFen !== undefined) r.yearFen = state.yearFen;
  return r;
}

export interface SiteTrancheResult {
  trancheId: string;
  kind: SiteKind;
  year?: number;
  amountFen: number;
  /** Lease: the enterprise's effective seats on the decision date, and those this lease pays for. */
  effectiveSeats?: number;
  seats?: number;
  perSeatFen?: number;
}

/**
 * ApproveSiteTranche as a process (ADR 0002): start on the site stream
 * (rules of its kind, R-SOD, the enterprise's suspension and standing checks,
 * R-SITE-COND, cleared on the enterprise's stream first, ADR 0014), for a
 * lease count the seats on `effective-seats-{enterpriseId}` (each seat once a
 * year across the enterprise's leases), then record the amount.
 */
export async function approveSiteTranche(
  deps: LedgerDeps,
  ctx: CommandContext,
  siteId: string,
  cmd: { year?: number; decidedOn: string },
): Promise<Written<SiteTrancheResult>> {
  let trancheId = '';
  let policyVersion: string | undefined;
  const siteStream = streams.site(siteId);
  const start = async (s: SiteState, clearanceId?: string) => {
    if (!s.exists) throw notFound(`site application ${siteId}`);
    const { state: enterprise } = await loadStream(
      deps.store,
      streams.enterprise(s.enterpriseId),
      enterpriseFold,
    );
    const effective = policyFor(deps.policies, enterprise, cmd.decidedOn);
    policyVersion = effective.policyVersion;
    trancheId = siteTrancheIdOf(siteId, s.kind, cmd.year);
    return decideStartSiteTranche(
      s,
      { ...cmd, approvedBy: ctx.actorId, clearanceId },
      effective,
      standingOf(enterprise, s.enterpriseId),
      enterprise.standingChecks,
    );
  };
  // Every refusal answers before anything is written, the budget and the clearance included.
  const { state: before } = await loadStream(deps.store, siteStream, siteFold);
  const planned = await start(before);
  return withBudgetCommitment(
    deps,
    ctx,
    { programme: siteProgrammeOf(before.kind), trancheId, decidedOn: cmd.decidedOn },
    () => siteTrancheEstimateFen(deps, before.enterpriseId, planned),
    async () => {
      const clearance = await clearTranche(
        deps,
        ctx,
        { kind: 'enterprise', id: before.enterpriseId },
        { action: 'approve', trancheId, on: cmd.decidedOn },
      );
      const started = await runOnStream(
        deps.store,
        siteStream,
        siteFold,
        (s) => start(s, clearance.clearanceId),
        () => metadataFor(ctx, cmd.decidedOn, policyVersion),
      );
      const finished = await finishSiteTrancheApproval(deps, ctx, siteId, trancheId);
      return {
        result: finished.result,
        position: laterPosition(started.position, finished.position),
      };
    },
    async () => (await loadStream(deps.store, siteStream, siteFold)).state.tranches.has(trancheId),
  );
}

/**
 * The most a site tranche can approve (R-BUDGET): renovation and purchase
 * know their amount; a lease year pays each effective seat on its counting
 * day, at most (seats counted by the enterprise's other leases only lower it).
 */
async function siteTrancheEstimateFen(
  deps: LedgerDeps,
  enterpriseId: string,
  planned: SiteEvent[],
): Promise<Fen> {
  const startEvent = planned.find((e) => e.type === 'SiteTrancheApprovalStarted');
  if (!startEvent || startEvent.type !== 'SiteTrancheApprovalStarted') return 0;
  const d = startEvent.data;
  if (d.amountFen !== undefined) return d.amountFen;
  const { state } = await loadStream(
    deps.store,
    streams.effectiveSeats(enterpriseId),
    effectiveSeatsFold,
  );
  return (
    effectiveSeatCountOn(state, d.seatsCountedOn ?? d.decidedOn).effectiveSeats *
    (d.perSeatFen ?? 0)
  );
}

export async function finishSiteTrancheApproval(
  deps: LedgerDeps,
  ctx: CommandContext,
  siteId: string,
  trancheId: string,
): Promise<Written<SiteTrancheResult>> {
  const siteStream = streams.site(siteId);
  const { state: site } = await loadStream(deps.store, siteStream, siteFold);
  const t = site.tranches.get(trancheId);
  if (!t) throw notFound(`tranche ${trancheId}`);
  const budget = { programme: siteProgrammeOf(site.kind), trancheId, decidedOn: t.decidedOn };
  if (t.status === 'approved') {
    // A crash between the approval and its settlement: settle now (once).
    const settled = await settleTrancheBudget(deps, ctx, budget, t.amountFen);
    return { result: siteTrancheResultOf(site, t), position: settled };
  }
  const meta = () => metadataFor(ctx, t.decidedOn, t.policyVersion, trancheId);
  let position: number | undefined;
  let lease: LeaseSeatOutcome | undefined;
  if (site.kind === 'lease' && t.leaseYear) {
    const counted = await runOnStream(
      deps.store,
      streams.effectiveSeats(site.enterpriseId),
      effectiveSeatsFold,
      (s) =>
        decideCountLeaseSeats(s, {
          trancheId,
          siteId,
          enterpriseId: site.enterpriseId,
          decidedOn: t.decidedOn,
          leaseYearFrom: t.leaseYear!.from,
          leaseYearTo: t.leaseYear!.to,
          countedOn: t.seatsCountedOn,
        }),
      meta,
    );
    position = laterPosition(position, counted.position);
    const count = counted.state.leaseCounts.get(trancheId);
    if (!count) throw new Error(`lease tranche ${trancheId} was not counted`);
    lease = { effectiveSeats: count.effectiveSeats, seats: count.seats };
  }
  const done = await runOnStream(
    deps.store,
    siteStream,
    siteFold,
    (s) => decideCompleteSiteTranche(s, trancheId, lease),
    meta,
  );
  position = laterPosition(position, done.position);
  const finished = done.state.tranches.get(trancheId);
  if (!finished) throw notFound(`tranche ${trancheId}`);
  const settled = await settleTrancheBudget(deps, ctx, budget, finished.amountFen);
  return {
    result: siteTrancheResultOf(done.state, finished),
    position: laterPosition(position, settled),
  };
}

export function siteTrancheResultOf(site: SiteState, t: SiteTrancheState): SiteTrancheResult {
  const r: SiteTrancheResult = { trancheId: t.trancheId, kind: site.kind, amountFen: t.amountFen };
  if (t.year !== undefined) r.year = t.year;
  if (t.effectiveSeats !== undefined) r.effectiveSeats = t.effectiveSeats;
  if (t.seats !== undefined) r.seats = t.seats;
  if (t.perSeatFen !== undefined) r.perSeatFen = t.perSeatFen;
  return r;
}
