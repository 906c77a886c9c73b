import {
  InternshipState,
  schoolStandingOf,
  decideCompleteInternshipTranche,
  decideRegisterSchool,
  decideReserveRewards,
  decideStartInternshipTranche,
  decideSubmitInternshipApplication,
  InternshipTrancheState,
  internshipTrancheIdOf,
  notFound,
  streams,
  SubmitInternshipApplicationCommand,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { clearTranche } from '../standing/tranche-clearance';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { internshipFold, schoolFold } from '../stream-decider';

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

/** SubmitInternshipApplication (R-INT): one append on the application's own stream. */
export async function submitInternshipApplication(
  deps: LedgerDeps,
  ctx: CommandContext,
  cmd: Omit<SubmitInternshipApplicationCommand, 'submittedBy' | 'submittedByReviewer'>,
): Promise<Written<InternshipApplicationResult>> {
  const policy = deps.policies.inForceOn(cmd.submittedOn);
  const { state: school } = await loadStream(deps.store, streams.school(cmd.schoolId), schoolFold);
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

export interface InternshipTrancheResult {
  trancheId: string;
  amountFen: number;
  included: { internId: string; amountFen: number }[];
  refused: { internId: string; rule: string; reason: string }[];
}

/**
 * ApproveInternshipTranche as a process (ADR 0002): start on the application
 * (every retained intern at the reward of their level; the school's standing,
 * cleared on the school's stream first, R-FRAUD and ADR 0010), reserve on
 * `school-{schoolId}` (once per person per school), then record the outcome.
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
  // Every refusal answers before anything is written, the clearance included.
  const { state: before } = await loadStream(deps.store, appStream, internshipFold);
  await start(before);
  const clearance = await clearTranche(
    deps,
    ctx,
    { kind: 'school', id: before.schoolId },
    { action: 'approve', trancheId: internshipTrancheIdOf(applicationId), on: cmd.decidedOn },
  );
  const started = await runOnStream(
    deps.store,
    appStream,
    internshipFold,
    (s) => start(s, clearance.clearanceId),
    () => metadataFor(ctx, cmd.decidedOn, policy.id),
  );
  const finished = await finishInternshipTrancheApproval(
    deps,
    ctx,
    applicationId,
    internshipTrancheIdOf(applicationId),
  );
  return { result: finished.result, position: laterPosition(started.position, finished.position) };
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
  if (t.status === 'approved') return { result: internshipTrancheResultOf(t), position: undefined };
  const meta = () => metadataFor(ctx, t.decidedOn, t.policyVersion, trancheId);
  const reserved = await runOnStream(
    deps.store,
    streams.school(app.schoolId),
    schoolFold,
    (s) =>
      decideReserveRewards(s, {
        applicationId,
        trancheId,
        decidedOn: t.decidedOn,
        candidates: t.candidates,
      }),
    meta,
  );
  const done = await runOnStream(
    deps.store,
    appStream,
    internshipFold,
    (s) => decideCompleteInternshipTranche(s, reserved.state.reservations.get(trancheId)),
    meta,
  );
  const finished = done.state.tranche;
  if (!finished) throw notFound(`tranche ${trancheId}`);
  return {
    result: internshipTrancheResultOf(finished),
    position: laterPosition(reserved.position, done.position),
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
