import {
  CaseEvent,
  claimsSettledAtOnce,
  decideCompleteFinding,
  decideFindClaimFalse,
  decideFindInternshipTrancheFalse,
  decideFindSiteTrancheFalse,
  decideRecordFinding,
  decideReleaseCap,
  decideReleaseInternshipReward,
  decideReleaseReward,
  decideReleaseMonths,
  FalseClaimOutcome,
  falseClaimOutcome,
  falseInternshipTrancheOutcome,
  falseSiteTrancheOutcome,
  FalseTrancheOutcome,
  FalseTrancheRef,
  InternshipState,
  notFound,
  ruleViolation,
  streams,
} from '@ledger/domain';
import { EventMetadata, RecordedEvent } from '@ledger/event-store/event-store.port';
import { CommandContext, metadataFor } from '../command-context';
import { releaseCancelledTrancheBudget } from './budget.process';
import { LedgerDeps, Written } from '../ledger-deps';
import { suspendParty } from '../standing/party-suspension';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import {
  caseFold,
  internshipFold,
  personFold,
  schoolFold,
  seatApplicationFold,
  siteFold,
} from '../stream-decider';
import { clawedBackPaymentDates, FindingResult, findingResultOf } from './finding-result';
import { falseClaimRefs, falseTrancheRefs } from './finding-refs';
import { releaseSeats } from './seats-held.process';

export { FindingResult, findingResultOf } from './finding-result';

export interface FindingInput {
  findingId: string;
  foundOn: string;
  note: string;
  falseClaimIds: string[];
  /** Site and internship tranches found false as a whole (R-FRAUD amended). */
  falseTrancheIds?: string[];
}

/**
 * RecordFinding (R-FRAUD) as a process (ADR 0002): `FindingRecorded` on the
 * case names the false claims and tranches; the party (enterprise or school)
 * is suspended at once on its own stream (after the clearances granted
 * before are settled, ADR 0014); on each claim's application stream
 * `ClaimFoundFalse` with `ClaimWithdrawnFromTranche` (cause `finding`) for
 * approved-unpaid amounts and `ClawbackAssessed` for each paid one; on each
 * site or internship stream `SiteTrancheFoundFalse` /
 * `InternshipTrancheFoundFalse`; on each person stream `CapReleased` for the
 * cancelled reservations (and the months of a claim with nothing paid); then
 * `FindingApplied` on the case with what each stream did. Claims and
 * tranches are checked first, so a bad one is refused with nothing written.
 */
export async function recordFinding(
  deps: LedgerDeps,
  ctx: CommandContext,
  caseId: string,
  input: FindingInput,
): Promise<Written<FindingResult>> {
  const { state: c } = await loadStream(deps.store, streams.case(caseId), caseFold);
  if (!c.exists) throw notFound(`case ${caseId}`);
  if (c.party.kind === 'school' && input.falseClaimIds.length > 0) {
    throw ruleViolation(
      'R-FRAUD',
      `case ${caseId} is against a school: name its internship tranches, not seat claims`,
    );
  }
  const claims = await falseClaimRefs(deps, c, input.falseClaimIds);
  const tranches = await falseTrancheRefs(deps, c, input.falseTrancheIds ?? []);
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
        tranches,
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
  const { state: c, events } = await loadStream(deps.store, caseStream, caseFold);
  const history = asCaseEvents(events);
  const applied = history.find(
    (e) => e.type === 'FindingApplied' && e.data.findingId === findingId,
  );
  if (applied?.type === 'FindingApplied') {
    return {
      result: findingResultOf(
        applied.data.findingId,
        applied.data.claims,
        applied.data.tranches ?? [],
        applied.data.suspended === true,
      ),
      position: undefined,
    };
  }
  const recorded = history.find(
    (e) => e.type === 'FindingRecorded' && e.data.findingId === findingId,
  );
  if (recorded?.type !== 'FindingRecorded') throw notFound(`finding ${findingId}`);
  const { foundOn, claims } = recorded.data;
  const meta = () => metadataFor(ctx, foundOn, undefined, findingId);

  // R-FRAUD (amended): the finding suspends the party at once, before its money is touched.
  let position = await suspendParty(
    deps,
    ctx,
    c.party,
    { caseId, suspendedOn: foundOn, reason: `false claims found in case ${caseId}` },
    meta,
  );

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

  const trancheOutcomes: FalseTrancheOutcome[] = [];
  for (const ref of recorded.data.tranches ?? []) {
    const step = await findTrancheFalse(deps, ref, { caseId, findingId, foundOn }, meta);
    position = laterPosition(position, step.position);
    trancheOutcomes.push(step.outcome);
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
    if (!found || recorded.data.enterpriseId === undefined) continue;
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

  // R-BUDGET: what the finding cancelled goes back to the budget.
  const result = findingResultOf(findingId, outcomes, trancheOutcomes, true);
  for (const trancheId of new Set(result.cancelled.map((t) => t.trancheId))) {
    const released = await releaseCancelledTrancheBudget(
      deps,
      ctx,
      trancheId,
      { kind: 'tranche-cancelled', id: findingId },
      foundOn,
    );
    position = laterPosition(position, released);
  }
  // Issue #14: a clawed-back tranche releases its commitment (and its paid figure) too.
  const paidOnOf = clawedBackPaymentDates(outcomes, trancheOutcomes);
  for (const trancheId of new Set(result.clawbacks.map((t) => t.trancheId))) {
    const released = await releaseCancelledTrancheBudget(
      deps,
      ctx,
      trancheId,
      { kind: 'clawback', id: findingId, paidOn: paidOnOf.get(trancheId) },
      foundOn,
    );
    position = laterPosition(position, released);
  }

  const done = await runOnStream(
    deps.store,
    caseStream,
    caseFold,
    (s) => decideCompleteFinding(s, findingId, outcomes, settled, trancheOutcomes),
    meta,
  );
  position = laterPosition(position, done.position);
  return { result, position };
}

/** The step of a finding on one site or internship tranche, and what it did, read back. */
async function findTrancheFalse(
  deps: LedgerDeps,
  ref: FalseTrancheRef,
  finding: { caseId: string; findingId: string; foundOn: string },
  meta: () => EventMetadata,
): Promise<{ position: number | undefined; outcome: FalseTrancheOutcome }> {
  const cmd = { ...finding, trancheId: ref.trancheId };
  const by = { caseId: finding.caseId, findingId: finding.findingId };
  if (ref.programme === 'internship') {
    const step = await runOnStream(
      deps.store,
      streams.internshipApplication(ref.applicationId),
      internshipFold,
      (s) => decideFindInternshipTrancheFalse(s, cmd),
      meta,
    );
    const outcome = falseInternshipTrancheOutcome(step.state, ref.trancheId, by);
    const released = await releaseFalseRewards(deps, step.state, outcome, finding, meta);
    return { position: laterPosition(step.position, released), outcome };
  }
  const step = await runOnStream(
    deps.store,
    streams.site(ref.applicationId),
    siteFold,
    (s) => decideFindSiteTrancheFalse(s, cmd),
    meta,
  );
  return {
    position: step.position,
    outcome: falseSiteTrancheOutcome(step.state, ref.trancheId, by),
  };
}

/**
 * R-INT with R-FRAUD: an internship tranche found false before it was paid is
 * cancelled, so its interns' rewards are released (as a false claim's cap
 * reservation is): another school may reward them. A paid one keeps them.
 * Each step is a no-op where the reward is not held (idempotent on retry).
 */
async function releaseFalseRewards(
  deps: LedgerDeps,
  app: InternshipState,
  outcome: FalseTrancheOutcome,
  finding: { caseId: string; findingId: string; foundOn: string },
  meta: () => EventMetadata,
): Promise<number | undefined> {
  const t = app.tranche;
  if (outcome.status !== 'found' || outcome.payment || !t) return undefined;
  let position: number | undefined;
  for (const intern of t.included) {
    const release = {
      trancheId: outcome.trancheId,
      internId: intern.internId,
      personKey: intern.personKey,
      releasedOn: finding.foundOn,
      reason: `tranche ${outcome.trancheId} found false in case ${finding.caseId} before payment`,
      cause: { kind: 'finding', id: finding.findingId },
    };
    const person = await runOnStream(
      deps.store,
      streams.person(intern.personKey),
      personFold,
      (s) => decideReleaseInternshipReward(s, release),
      meta,
    );
    const legacy = await runOnStream(
      deps.store,
      streams.school(app.schoolId),
      schoolFold,
      (s) => decideReleaseReward(s, release),
      meta,
    );
    position = laterPosition(position, laterPosition(person.position, legacy.position));
  }
  return position;
}
