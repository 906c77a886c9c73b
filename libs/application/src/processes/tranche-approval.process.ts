import {
  currentTrancheAmountFen,
  SeatApplicationState,
  decideCompleteTrancheApproval,
  decideReserveCap,
  decideStartTrancheApproval,
  IncludedClaim,
  notFound,
  policyFor,
  RefusedClaim,
  reservationIdOf,
  ReservationOutcome,
  standingOf,
  streams,
  trancheIdOf,
  TrancheState,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { clearTranche } from '../standing/tranche-clearance';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { enterpriseFold, personFold, seatApplicationFold } from '../stream-decider';
import { settleTrancheBudget, withBudgetCommitment } from './budget.process';
import { releaseSeats } from './seats-held.process';
import { approveTrancheInOneAppend, DecideStart } from './tranche-approval-in-one.process';

/** Reservations of one tranche in flight at once. */
const RESERVATIONS_IN_FLIGHT_MAX = 32;

export interface TrancheResult {
  trancheId: string;
  amountFen: number;
  included: { claimId: string; amountFen: number }[];
  refused: RefusedClaim[];
}

/**
 * ApproveTranche as the reservation process of DESIGN.md: start on the
 * application, reserve each person's cap on that person's stream (R-SEAT-5),
 * then record what was reserved. The reservation id `{trancheId}:{claimId}`
 * makes a retried step a no-op, so a tranche is never counted twice. The
 * start reads the enterprise stream first: a suspended enterprise (R-FRAUD)
 * gets no approval (423); and it clears itself there before it is written,
 * so a suspension never comes between (ADR 0014).
 */
export async function approveTranche(
  deps: LedgerDeps,
  ctx: CommandContext,
  applicationId: string,
  cmd: { tranche: number; decidedOn: string },
): Promise<Written<TrancheResult>> {
  let policyVersion = deps.policies.inForceOn(cmd.decidedOn).id;
  const appStream = streams.seatApplication(applicationId);
  const decideStart: DecideStart = (s, enterprise, clearanceId) => {
    // R-POL and R-SPECIAL: the version in force, overlaid with the enterprise's special terms.
    const effective = policyFor(deps.policies, enterprise, cmd.decidedOn);
    const events = decideStartTrancheApproval(
      s,
      { ...cmd, approvedBy: ctx.actorId, clearanceId },
      effective.policy,
      standingOf(enterprise, s.enterpriseId),
      effective.specialTermsId,
    );
    return { events, policyVersion: effective.policyVersion };
  };
  const readEnterprise = async (s: SeatApplicationState) => {
    if (!s.exists) throw notFound(`seat application ${applicationId}`);
    return loadStream(deps.store, streams.enterprise(s.enterpriseId), enterpriseFold);
  };
  const start = async (s: SeatApplicationState, clearanceId?: string) => {
    const decided = decideStart(s, (await readEnterprise(s)).state, clearanceId);
    policyVersion = decided.policyVersion;
    return decided.events;
  };
  // Every refusal answers before anything is written, the budget and the clearance included.
  const appRead = await loadStream(deps.store, appStream, seatApplicationFold);
  const before = appRead.state;
  const enterpriseRead = await readEnterprise(before);
  const trancheId = trancheIdOf(applicationId, cmd.tranche);
  const planned = decideStart(before, enterpriseRead.state).events;
  return withBudgetCommitment(
    deps,
    ctx,
    { programme: 'seat', trancheId, decidedOn: cmd.decidedOn },
    // The most it can approve: every candidate at what it asks (R-SEAT-5 may lower it).
    async () =>
      planned
        .flatMap((e) => (e.type === 'TrancheApprovalStarted' ? e.data.candidates : []))
        .reduce((sum, c) => sum + c.requestedFen, 0),
    async () => {
      // Everything in one append when nothing moved since these reads; else step by step.
      const inOne = await approveTrancheInOneAppend(
        deps,
        ctx,
        { app: appRead, enterprise: enterpriseRead },
        { trancheId, decidedOn: cmd.decidedOn },
        decideStart,
      );
      if (inOne) {
        const budget = {
          programme: 'seat' as const,
          trancheId,
          decidedOn: inOne.finished.decidedOn,
        };
        const amountFen = currentTrancheAmountFen(inOne.finished);
        const settled = await settleTrancheBudget(deps, ctx, budget, amountFen);
        return {
          result: trancheResultOf(inOne.finished),
          position: laterPosition(inOne.position, settled),
        };
      }
      const clearance = await clearTranche(
        deps,
        ctx,
        { kind: 'enterprise', id: before.enterpriseId },
        { action: 'approve', trancheId, on: cmd.decidedOn },
      );
      const started = await runOnStream(
        deps.store,
        appStream,
        seatApplicationFold,
        (s) => start(s, clearance.clearanceId),
        () => metadataFor(ctx, cmd.decidedOn, policyVersion),
      );
      const finished = await finishTrancheApproval(deps, ctx, applicationId, trancheId);
      return {
        result: finished.result,
        position: laterPosition(started.position, finished.position),
      };
    },
    async () =>
      (await loadStream(deps.store, appStream, seatApplicationFold)).state.tranches.has(trancheId),
  );
}

export async function finishTrancheApproval(
  deps: LedgerDeps,
  ctx: CommandContext,
  applicationId: string,
  trancheId: string,
): Promise<Written<TrancheResult>> {
  const appStream = streams.seatApplication(applicationId);
  const { state: app } = await loadStream(deps.store, appStream, seatApplicationFold);
  const t = app.tranches.get(trancheId);
  if (!t) throw notFound(`tranche ${trancheId}`);
  const budget = { programme: 'seat' as const, trancheId, decidedOn: t.decidedOn };
  if (t.status === 'approved') {
    // A crash between the approval and its settlement: settle now (once).
    const settled = await settleTrancheBudget(deps, ctx, budget, currentTrancheAmountFen(t));
    return { result: trancheResultOf(t), position: settled };
  }
  const policy = deps.policies.byId(t.policyVersion);
  const meta = () => metadataFor(ctx, t.decidedOn, policy.id, trancheId);
  let position: number | undefined;
  const outcomes = new Map<string, ReservationOutcome>();
  // Each claim is a different person (R-SEAT-6 refuses a person twice in one
  // application), so reservations are independent: run a bounded number at a
  // time, which lets the embedded store commit them in shared transactions
  // (ADR 0006). Conflicts with other writers are retried per person.
  const reserve = async (c: (typeof t.candidates)[number]) => {
    const reservationId = reservationIdOf(trancheId, c.claimId);
    const step = await runOnStream(
      deps.store,
      streams.person(c.personKey),
      personFold,
      (s) =>
        decideReserveCap(
          s,
          {
            reservationId,
            personKey: c.personKey,
            trancheId,
            claimId: c.claimId,
            applicationId,
            enterpriseId: app.enterpriseId,
            requestedFen: c.requestedFen,
            decidedOn: t.decidedOn,
          },
          policy,
        ),
      meta,
    );
    position = laterPosition(position, step.position);
    const outcome = step.state.reservationOutcomes.get(reservationId);
    if (outcome) outcomes.set(reservationId, outcome);
  };
  const queue = [...t.candidates];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) await reserve(c);
  };
  await Promise.all(
    Array.from({ length: Math.min(RESERVATIONS_IN_FLIGHT_MAX, queue.length) }, worker),
  );
  // R-SEAT-8: a claim refused in a tranche gets no later one: it holds no seat.
  const refusedClaims = [
    ...t.refused.map((r) => r.claimId),
    ...t.candidates
      .filter((c) => outcomes.get(reservationIdOf(trancheId, c.claimId))?.status === 'refused')
      .map((c) => c.claimId),
  ];
  const released = await releaseSeats(
    deps,
    app.enterpriseId,
    {
      applicationId,
      claimIds: refusedClaims,
      releasedOn: t.decidedOn,
      cause: { kind: 'tranche-refused', id: trancheId },
    },
    meta,
  );
  position = laterPosition(position, released);
  const done = await runOnStream(
    deps.store,
    appStream,
    seatApplicationFold,
    (s) => decideCompleteTrancheApproval(s, trancheId, outcomes),
    meta,
  );
  position = laterPosition(position, done.position);
  const finished = done.state.tranches.get(trancheId);
  if (!finished) throw notFound(`tranche ${trancheId}`);
  const settled = await settleTrancheBudget(deps, ctx, budget, currentTrancheAmountFen(finished));
  return { result: trancheResultOf(finished), position: laterPosition(position, settled) };
}

export function trancheResultOf(t: TrancheState): TrancheResult {
  return {
    trancheId: t.trancheId,
    amountFen: currentTrancheAmountFen(t),
    included: t.included
      .filter((c: IncludedClaim) => !t.withdrawn.has(c.claimId))
      .map((c) => ({ claimId: c.claimId, amountFen: c.amountFen })),
    refused: t.refused,
  };
}

/** R-FRAUD: the cases suspending the enterprise, read from its own stream. */
export async function enterpriseStanding(deps: LedgerDeps, enterpriseId: string) {
  const { state } = await loadStream(deps.store, streams.enterprise(enterpriseId), enterpriseFold);
  return standingOf(state, enterpriseId);
}
