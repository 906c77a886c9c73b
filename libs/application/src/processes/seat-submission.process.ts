import {
  decideClaimMonths,
  decideCompleteSubmission,
  decideRegisterSeatApplication,
  decideSubmitSeatApplication,
  ClaimCheckResult,
  notFound,
  policyFor,
  SeatApplicationState,
  StepOutcome,
  streams,
  SubmitSeatApplicationCommand,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { enterpriseFold, personFold, seatApplicationFold } from '../stream-decider';
import { releaseSeats } from './seats-held.process';

export interface SubmissionResult {
  applicationId: string;
  claims: ClaimCheckResult[];
}

/**
 * SubmitSeatApplication as a process (ADR 0002): the application stream first
 * records everything asked, then the enterprise numbers the application and
 * gives its claims seats up to the seat count (R-SEAT-8), each admitted
 * person's stream decides R-SEAT-6, the enterprise takes back the seats of
 * claims R-SEAT-6 refused, then the application records the outcome. Every step is idempotent, so `finishSubmission` may run again after
 * a crash and finish the same way.
 */
export async function submitSeatApplication(
  deps: LedgerDeps,
  ctx: CommandContext,
  cmd: SubmitSeatApplicationCommand,
): Promise<Written<SubmissionResult>> {
  const { state: enterprise } = await loadStream(
    deps.store,
    streams.enterprise(cmd.enterpriseId),
    enterpriseFold,
  );
  // R-POL and R-SPECIAL: the version in force, overlaid with the enterprise's special terms.
  const { policy } = policyFor(deps.policies, enterprise, cmd.submittedOn);
  const started = await runOnStream(
    deps.store,
    streams.seatApplication(cmd.applicationId),
    seatApplicationFold,
    (s) => decideSubmitSeatApplication(s, enterprise, cmd, policy),
    () => metadataFor(ctx, cmd.submittedOn, policy.id),
  );
  const finished = await finishSubmission(deps, ctx, cmd.applicationId);
  return { result: finished.result, position: laterPosition(started.position, finished.position) };
}

export async function finishSubmission(
  deps: LedgerDeps,
  ctx: CommandContext,
  applicationId: string,
): Promise<Written<SubmissionResult>> {
  const appStream = streams.seatApplication(applicationId);
  const { state: app } = await loadStream(deps.store, appStream, seatApplicationFold);
  if (!app.exists) throw notFound(`seat application ${applicationId}`);
  if (!app.openProcesses.has(applicationId))
    return { result: submissionResultOf(app), position: undefined };
  const policy = deps.policies.inForceOn(app.submittedOn);
  const meta = () => metadataFor(ctx, app.submittedOn, policy.id, applicationId);
  let position: number | undefined;

  const registered = await runOnStream(
    deps.store,
    streams.enterprise(app.enterpriseId),
    enterpriseFold,
    (s) => {
      const effective = policyFor(deps.policies, s, app.submittedOn);
      return decideRegisterSeatApplication(
        s,
        { applicationId, submittedOn: app.submittedOn, claimCount: app.claims.size },
        effective.policy,
        effective.specialTermsId,
      );
    },
    meta,
  );
  position = laterPosition(position, registered.position);
  const registration = registered.state.applications.get(applicationId);
  if (!registration) throw new Error(`application ${applicationId} was not registered`);

  const outcomes = new Map<string, StepOutcome>();
  // R-SEAT-8: claims beyond the seats the enterprise admitted take no months.
  const admitted = [...app.claims.values()].slice(0, registration.claimsAdmitted);
  for (const claim of admitted) {
    const stepId = `${applicationId}:submit:${claim.claimId}`;
    const step = await runOnStream(
      deps.store,
      streams.person(claim.personKey),
      personFold,
      (s) =>
        decideClaimMonths(s, {
          stepId,
          personKey: claim.personKey,
          personIdMasked: claim.personIdMasked,
          claimId: claim.claimId,
          applicationId,
          enterpriseId: app.enterpriseId,
          months: claim.months,
          filedOn: app.submittedOn,
        }),
      meta,
    );
    position = laterPosition(position, step.position);
    const outcome = step.state.steps.get(stepId);
    if (outcome) outcomes.set(claim.claimId, outcome);
  }

  // R-SEAT-8: a claim R-SEAT-6 refused holds no seat from here.
  const refused = [...outcomes].filter(([, o]) => o.status === 'refused').map(([c]) => c);
  const released = await releaseSeats(
    deps,
    app.enterpriseId,
    {
      applicationId,
      claimIds: refused,
      releasedOn: app.submittedOn,
      cause: { kind: 'refused', id: applicationId },
    },
    meta,
  );
  position = laterPosition(position, released);

  const done = await runOnStream(
    deps.store,
    appStream,
    seatApplicationFold,
    (s) => decideCompleteSubmission(s, registration, outcomes),
    meta,
  );
  position = laterPosition(position, done.position);
  return { result: submissionResultOf(done.state), position };
}

function submissionResultOf(app: SeatApplicationState): SubmissionResult {
  return {
    applicationId: app.applicationId,
    claims: [...app.claims.values()].map((c) => {
      const r: ClaimCheckResult = {
        claimId: c.claimId,
        status: c.status === 'refused' ? 'refused' : 'submitted',
      };
      if (c.status === 'refused') {
        r.rule = c.rule;
        r.reason = c.reason;
        r.conflictsWith = c.conflictsWith;
      }
      return r;
    }),
  };
}
