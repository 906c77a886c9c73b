import {
  CaseParty,
  decideLiftSchoolSuspension,
  decideLiftSuspension,
  decideRevokeClearance,
  decideStopEnterpriseClearances,
  decideStopSchoolClearances,
  decideSuspendEnterprise,
  decideSuspendSchool,
  PendingClearance,
  streams,
  trancheRefOf,
  TrancheClearanceRevokedData,
} from '@ledger/domain';
import { EventMetadata } from '@ledger/event-store/event-store.port';
import { CommandContext } from '../command-context';
import { LedgerDeps } from '../ledger-deps';
import { finishInternshipTrancheApproval } from '../processes/internship.process';
import { finishSiteTrancheApproval } from '../processes/site-application.process';
import { finishTrancheApproval } from '../processes/tranche-approval.process';
import { laterPosition, runOnStream } from '../stream-command';
import {
  enterpriseFold,
  internshipFold,
  schoolFold,
  seatApplicationFold,
  siteFold,
} from '../stream-decider';

/** Clearances settled at once by one suspension: reads of other streams in flight. */
const SETTLING_IN_FLIGHT_MAX = 8;

export interface SuspendPartyCommand {
  caseId: string;
  suspendedOn: string;
  reason: string;
}

/**
 * A step of a case (opening with suspension, or a finding): suspends its
 * enterprise or school (R-FRAUD). ADR 0014: on the party's stream, first
 * stopping clearances (from there the party answers 423), then settling
 * every clearance granted since the last suspension, each on its tranche's
 * stream: a payment or approval already recorded is done (an approval still
 * running is finished first, so its `TrancheApproved` comes before the
 * suspension too), one not recorded is revoked and will be refused. The
 * suspension is then appended at the revision it read. Idempotent on the
 * case id: a step cut short resumes where it stopped.
 */
export async function suspendParty(
  deps: LedgerDeps,
  ctx: CommandContext,
  party: CaseParty,
  cmd: SuspendPartyCommand,
  meta: () => EventMetadata,
): Promise<number | undefined> {
  const settle = (pending: Map<string, PendingClearance>) =>
    settleClearances(deps, ctx, [...pending.values()], cmd, meta);
  const stop = { caseId: cmd.caseId, stoppedOn: cmd.suspendedOn };
  if (party.kind === 'enterprise') {
    await runOnStream(
      deps.store,
      streams.enterprise(party.id),
      enterpriseFold,
      (s) => decideStopEnterpriseClearances(s, stop),
      meta,
    );
    const written = await runOnStream(
      deps.store,
      streams.enterprise(party.id),
      enterpriseFold,
      async (s) => {
        const events = decideSuspendEnterprise(s, cmd);
        if (events.length > 0) await settle(s.pendingClearances);
        return events;
      },
      meta,
    );
    return written.position;
  }
  await runOnStream(
    deps.store,
    streams.school(party.id),
    schoolFold,
    (s) => decideStopSchoolClearances(s, stop),
    meta,
  );
  const written = await runOnStream(
    deps.store,
    streams.school(party.id),
    schoolFold,
    async (s) => {
      const events = decideSuspendSchool(s, cmd);
      if (events.length > 0) await settle(s.pendingClearances);
      return events;
    },
    meta,
  );
  return written.position;
}

/** A step of a closure or of the recovery that repays a closed case: lifts this case's suspension only. */
export async function liftPartySuspension(
  deps: LedgerDeps,
  party: CaseParty,
  cmd: { caseId: string; liftedOn: string; reason: string },
  meta: () => EventMetadata,
): Promise<number | undefined> {
  const written =
    party.kind === 'enterprise'
      ? await runOnStream(
          deps.store,
          streams.enterprise(party.id),
          enterpriseFold,
          (s) => decideLiftSuspension(s, cmd),
          meta,
        )
      : await runOnStream(
          deps.store,
          streams.school(party.id),
          schoolFold,
          (s) => decideLiftSchoolSuspension(s, cmd),
          meta,
        );
  return written.position;
}

async function settleClearances(
  deps: LedgerDeps,
  ctx: CommandContext,
  pending: readonly PendingClearance[],
  cmd: SuspendPartyCommand,
  meta: () => EventMetadata,
): Promise<number | undefined> {
  let position: number | undefined;
  const queue = [...pending];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      position = laterPosition(position, await settleClearance(deps, ctx, c, cmd, meta));
    }
  };
  await Promise.all(Array.from({ length: Math.min(SETTLING_IN_FLIGHT_MAX, queue.length) }, worker));
  return position;
}

/** Revokes one clearance on its tranche's stream unless it was used; finishes an approval that used it. */
async function settleClearance(
  deps: LedgerDeps,
  ctx: CommandContext,
  c: PendingClearance,
  cmd: SuspendPartyCommand,
  meta: () => EventMetadata,
): Promise<number | undefined> {
  const ref = trancheRefOf(c.trancheId);
  if (!ref) return undefined;
  const revoke: TrancheClearanceRevokedData = {
    trancheId: c.trancheId,
    clearanceId: c.clearanceId,
    caseId: cmd.caseId,
    revokedOn: cmd.suspendedOn,
  };
  const approving = c.action === 'approve';
  switch (ref.programme) {
    case 'seat': {
      const r = await runOnStream(
        deps.store,
        streams.seatApplication(ref.applicationId),
        seatApplicationFold,
        (s) => (s.exists ? decideRevokeClearance(s.clearances, revoke) : []),
        meta,
      );
      if (!approving || !r.state.clearances.used.has(c.clearanceId)) return r.position;
      const done = await finishTrancheApproval(deps, ctx, ref.applicationId, c.trancheId);
      return laterPosition(r.position, done.position);
    }
    case 'site': {
      const r = await runOnStream(
        deps.store,
        streams.site(ref.siteId),
        siteFold,
        (s) => (s.exists ? decideRevokeClearance(s.clearances, revoke) : []),
        meta,
      );
      if (!approving || !r.state.clearances.used.has(c.clearanceId)) return r.position;
      const done = await finishSiteTrancheApproval(deps, ctx, ref.siteId, c.trancheId);
      return laterPosition(r.position, done.position);
    }
    case 'internship': {
      const r = await runOnStream(
        deps.store,
        streams.internshipApplication(ref.applicationId),
        internshipFold,
        (s) => (s.exists ? decideRevokeClearance(s.clearances, revoke) : []),
        meta,
      );
      if (!approving || !r.state.clearances.used.has(c.clearanceId)) return r.position;
      const done = await finishInternshipTrancheApproval(deps, ctx, ref.applicationId, c.trancheId);
      return laterPosition(r.position, done.position);
    }
    default: {
      const never: never = ref;
      throw new Error(`unknown tranche ${JSON.stringify(never)}`);
    }
  }
}
