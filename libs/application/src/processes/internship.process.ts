import {
  InternshipState,
  schoolStandingOf,
  cohortYearStartOf,
  decideCompleteInternshipTranche,
  decideRegisterSchool,
  decideReserveInternshipReward,
  decideStartInternshipTranche,
  decideSubmitInternshipApplication,
  internshipRewardStepIdOf,
  InternshipTrancheState,
  internshipTrancheIdOf,
  notFound,
  oncePerPersonRule,
  RewardOutcome,
  streams,
  SubmitInternshipApplicationCommand,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { clearTranche } from '../standing/tranche-clearance';
import { settleTrancheBudget, withBudgetCommitment } from './budget.process';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { internshipFold, personFold, schoolFold } from '../stream-decider';

/** RegisterSchool: a reviewer records a school (its unified social credit code is its id). */
export async function registerSchool(
  deps: LedgerDeps,
  ctx: CommandContext,
  cmd: { schoolId: string; name: string; registeredOn: string },
): Promise<Written<{ schoolId: string }>> {
  const r = await runOnStream(
    deps.store,
    streams.school(cmd.schoolId),
    schoolFold,
    (s) => decideRegisterSchool(s, cmd),
    () => metadataFor(ctx, cmd.registeredOn),
  );
  return { result: { schoolId: cmd.schoolId }, position: r.position };
}

export interface InternshipApplicationResult {
  applicationId: string;
  internsSent: number;
  retained: number;
  retentionBasisPoints: number;
}

/**
 * SubmitInternshipApplication (R-INT): one append on the application's own
 * stream, after reading which of the interns' employers are registered
 * enterprises (a registration is never undone, so reading it first is safe).
 */
export async function submitInternshipApplication(
  deps: LedgerDeps,
  ctx: CommandContext,
  cmd: Omit<SubmitInternshipApplicationCommand, 'submittedBy' | 'submittedByReviewer'>,
): Promise<Written<InternshipApplicationResult>> {
  // R-POL: a cohort is governed by the version in force on 1 January of its year.
  const policy = deps.policies.inForceOn(cohortYearStartOf(cmd.year));
  const { state: school } = await loadStream(deps.store, streams.school(cmd.schoolId), schoolFold);
  const employers = await registeredEnterprises(
    deps,
    cmd.interns.map((i) => i.enterpriseId),
  );
  const r = await runOnStream(
    deps.store,
    streams.internshipApplication(cmd.applicationId),
    internshipFold,
    (s) =>
      decideSubmitInternshipApplication(
        s,
        school,
        { ...cmd, submittedBy: ctx.actorId, submittedByReviewer: ctx.role === 'reviewer' },
        policy,
        employers,
      ),
    () => metadataFor(ctx, cmd.submittedOn, policy.id),
  );
  return {
    result: {
      applicationId: cmd.applicationId,
      internsSent: r.state.internsSent,
      retained: r.state.retained,
      retentionBasisPoints: r.state.retentionBasisPoints,
    },
    position: r.position,
  };
}

/** The enterprises among `enterpriseIds` that are registered: an enterprise stream starts with its registration. */
async function registeredEnterprises(
  deps: LedgerDeps,
  enterpriseIds: readonly string[],
): Promise<Set<string>> {
  const registered = new Set<string>();
  for (const enterpriseId of new Set(enterpriseIds)) {
    const [first] = await deps.store.readStream(streams.enterprise(enterpriseId), { maxCount: 1 });
    if (first?.type === 'EnterpriseRegistered') registered.add(enterpriseId);
  }
  return registered;
}

export interface InternshipTrancheResult {
  trancheId: string;
  amountFen: number;
  included: { internId: string; amountFen: number }[];
  refused: { internId: string; rule: string; reason: string }[];
}

/** Persons of one tranche reserved at once (as the seat tranche's cap reservations). */
const REWARDS_IN_FLIGHT_MAX = 32;

/**
 * ApproveInternshipTranche as a process (ADR 0002): start on the application
 * (every retained intern at the reward of their level; the school's standing,
 * cleared on the school's stream first, R-FRAUD and ADR 0014), reserve each
 * person's reward on `person-{key}` (once in total, whichever school lists
 * them), then record the outcome.
 */
export async function approveInternshipTranche(
  deps: LedgerDeps,
  ctx: CommandContext,
  applicationId: string,
  cmd: { decidedOn: string },
): Promise<Written<InternshipTrancheResult>> {
  const policy = deps.policies.inForceOn(cmd.decidedOn);
  const appStream = streams.internshipApplication(applicationId);
  const start = async (s: InternshipState, clearanceId?: string) => {
    if (!s.exists) throw notFound(`internship application ${applicationId}`);
    const { state: school } = await loadStream(deps.store, streams.school(s.schoolId), schoolFold);
    return decideStartInternshipTranche(
      s,
      { ...cmd, approvedBy: ctx.actorId, clearanceId },
      policy,
      schoolStandingOf(school, s.schoolId),
    );
  };
  // Every refusal answers before anything is written, the budget and the clearance included.
  const { state: before } = await loadStream(deps.store, appStream, internshipFold);
  const planned = await start(before);
  const trancheId = internshipTrancheIdOf(applicationId);
  return withBudgetCommitment(
    deps,
    ctx,
    { programme: 'internship', trancheId, decidedOn: cmd.decidedOn },
    // The most it can approve: every retained intern's reward (once per person may lower it).
    async () =>
      planned
        .flatMap((e) => (e.type === 'InternshipTrancheApprovalStarted' ? e.data.candidates : []))
        .reduce((sum, c) => sum + c.requestedFen, 0),
    async () => {
      const clearance = await clearTranche(
        deps,
        ctx,
        { kind: 'school', id: before.schoolId },
        { action: 'approve', trancheId, on: cmd.decidedOn },
      );
      const started = await runOnStream(
        deps.store,
        appStream,
        internshipFold,
        (s) => start(s, clearance.clearanceId),
        () => metadataFor(ctx, cmd.decidedOn, policy.id),
      );
      const finished = await finishInternshipTrancheApproval(deps, ctx, applicationId, trancheId);
      return {
        result: finished.result,
        position: laterPosition(started.position, finished.position),
      };
    },
    async () =>
      (await loadStream(deps.store, appStream, internshipFold)).state.tranche?.trancheId ===
      trancheId,
  );
}

export async function finishInternshipTrancheApproval(
  deps: LedgerDeps,
  ctx: CommandContext,
  applicationId: string,
  trancheId: string,
): Promise<Written<InternshipTrancheResult>> {
  const appStream = streams.internshipApplication(applicationId);
  const { state: app } = await loadStream(deps.store, appStream, internshipFold);
  const t = app.tranche;
  if (!t || t.trancheId !== trancheId) throw notFound(`tranche ${trancheId}`);
  const budget = { programme: 'internship' as const, trancheId, decidedOn: t.decidedOn };
  if (t.status === 'approved') {
    // A crash between the approval and its settlement: settle now (once).
    const settled = await settleTrancheBudget(deps, ctx, budget, t.amountFen);
    return { result: internshipTrancheResultOf(t), position: settled };
  }
  const meta = () => metadataFor(ctx, t.decidedOn, t.policyVersion, trancheId);
  // Tranches approved before the person stream decided R-INT recorded their
  // persons on the school's stream; those still count for that school.
  const { state: school } = await loadStream(deps.store, streams.school(app.schoolId), schoolFold);
  const outcomes = new Map<string, RewardOutcome>();
  let position: number | undefined;
  const reserve = async (c: (typeof t.candidates)[number]) => {
    const legacy = oncePerPersonRule(school.rewarded, c.personKey, trancheId);
    if (legacy) {
      outcomes.set(c.internId, { status: 'refused', ...legacy });
      return;
    }
    const step = await runOnStream(
      deps.store,
      streams.person(c.personKey),
      personFold,
      (s) =>
        decideReserveInternshipReward(s, {
          personKey: c.personKey,
          schoolId: app.schoolId,
          applicationId,
          trancheId,
          internId: c.internId,
          requestedFen: c.requestedFen,
          decidedOn: t.decidedOn,
        }),
      meta,
    );
    position = laterPosition(position, step.position);
    const outcome = step.state.internshipRewardSteps.get(
      internshipRewardStepIdOf(trancheId, c.internId),
    );
    if (outcome) outcomes.set(c.internId, outcome);
  };
  // Each candidate is another person (one application lists a person once),
  // so the steps are independent: a bounded number run at once.
  const queue = [...t.candidates];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) await reserve(c);
  };
  await Promise.all(Array.from({ length: Math.min(REWARDS_IN_FLIGHT_MAX, queue.length) }, worker));
  const done = await runOnStream(
    deps.store,
    appStream,
    internshipFold,
    (s) => decideCompleteInternshipTranche(s, outcomes),
    meta,
  );
  const finished = done.state.tranche;
  if (!finished) throw notFound(`tranche ${trancheId}`);
  const settled = await settleTrancheBudget(deps, ctx, budget, finished.amountFen);
  return {
    result: internshipTrancheResultOf(finished),
    position: laterPosition(laterPosition(position, done.position), settled),
  };
}

export function internshipTrancheResultOf(t: InternshipTrancheState): InternshipTrancheResult {
  return {
    trancheId: t.trancheId,
    amountFen: t.amountFen,
    included: t.included
      .filter((c) => !t.withdrawn.has(c.internId))
      .map((c) => ({ internId: c.internId, amountFen: c.amountFen })),
    refused: t.refused,
  };
}

/** The school of an internship application, from its own stream (no read-model lag). */
export async function schoolOfInternshipApplication(
  deps: LedgerDeps,
  applicationId: string,
): Promise<string | undefined> {
  const { state } = await loadStream(
    deps.store,
    streams.internshipApplication(applicationId),
    internshipFold,
  );
  return state.exists ? state.schoolId : undefined;
}
