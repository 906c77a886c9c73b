import { randomUUID } from 'node:crypto';
import {
  decideClearEnterpriseTranche,
  decideCompleteTrancheApproval,
  decideReleaseSeats,
  decideReserveCap,
  EnterpriseState,
  LedgerError,
  PersonEvent,
  reservationIdOf,
  ReservationOutcome,
  SeatApplicationEvent,
  SeatApplicationState,
  streams,
  TrancheState,
} from '@ledger/domain';
import { ConcurrencyError, StreamAppend } from '@ledger/event-store/event-store.port';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps } from '../ledger-deps';
import { LoadedStream, loadStream, sealedOn } from '../stream-command';
import { enterpriseFold, personFold, seatApplicationFold } from '../stream-decider';

/**
 * A larger tranche goes step by step: one append of thousands of person
 * streams would be refused by a write to any one of them, and its reservations
 * already share transactions in flight (RESERVATIONS_IN_FLIGHT_MAX).
 */
export const IN_ONE_CLAIMS_MAX = 32;

/** What the start of an approval decides on an application and its enterprise, with a clearance. */
export type DecideStart = (
  app: SeatApplicationState,
  enterprise: EnterpriseState,
  clearanceId?: string,
) => { events: SeatApplicationEvent[]; policyVersion: string };

/**
 * A tranche approval in one all-or-nothing append (issue #16, like the payment
 * of disbursement-in-one.process.ts): the clearance on the enterprise's stream
 * (with the seats its refused claims give back), the start and the completion
 * on the application's stream, and each person's cap reservation on that
 * person's stream, each decided on the streams as they were just read and
 * exactly as the step-by-step process decides them (ADR 0002, 0014). Every
 * part is expected at the revision read, so any writer in between (a
 * suspension, another tranche reserving the same person's cap from any
 * process, an objection) refuses the whole append and nothing of it is
 * written; so does a store without `appendAll` or any case this does not
 * cover (a tranche already started, more than IN_ONE_CLAIMS_MAX claims, a
 * refusal): undefined, and the caller goes step by step on fresh reads,
 * which decides and answers as before.
 *
 * Nothing is half-done after a crash: no started approval left to recover.
 */
export async function approveTrancheInOneAppend(
  deps: LedgerDeps,
  ctx: CommandContext,
  reads: { app: LoadedStream<SeatApplicationState>; enterprise: LoadedStream<EnterpriseState> },
  cmd: { trancheId: string; decidedOn: string },
  decideStart: DecideStart,
): Promise<{ finished: TrancheState; position: number } | undefined> {
  const store = deps.store;
  if (!store.appendAll) return undefined;
  const { app, enterprise } = reads;
  const { trancheId } = cmd;
  let parts: StreamAppend[];
  let finished: TrancheState | undefined;
  try {
    const grant = {
      clearanceId: randomUUID(),
      action: 'approve' as const,
      trancheId,
      grantedOn: cmd.decidedOn,
    };
    const cleared = decideClearEnterpriseTranche(enterprise.state, grant);
    if (cleared.length === 0) return undefined;
    const partyCleared = cleared.reduce(enterpriseFold.evolve, enterprise.state);
    const start = decideStart(app.state, partyCleared, grant.clearanceId);
    if (start.events.length === 0) return undefined;
    const appStarted = start.events.reduce(seatApplicationFold.evolve, app.state);
    const t = appStarted.tranches.get(trancheId);
    if (!t || t.status !== 'approving' || t.candidates.length > IN_ONE_CLAIMS_MAX) return undefined;
    const policy = deps.policies.byId(t.policyVersion);
    const meta = () => metadataFor(ctx, t.decidedOn, policy.id, trancheId);

    const personStreams = t.candidates.map((c) => streams.person(c.personKey));
    if (new Set(personStreams).size !== personStreams.length) return undefined;
    const persons = await Promise.all(personStreams.map((s) => loadStream(store, s, personFold)));
    const outcomes = new Map<string, ReservationOutcome>();
    const reserved: PersonEvent[][] = t.candidates.map((c, i) => {
      const reservationId = reservationIdOf(trancheId, c.claimId);
      const events = decideReserveCap(
        persons[i].state,
        {
          reservationId,
          personKey: c.personKey,
          trancheId,
          claimId: c.claimId,
          applicationId: appStarted.applicationId,
          enterpriseId: appStarted.enterpriseId,
          requestedFen: c.requestedFen,
          decidedOn: t.decidedOn,
        },
        policy,
      );
      const after = events.reduce(personFold.evolve, persons[i].state);
      const outcome = after.reservationOutcomes.get(reservationId);
      if (outcome) outcomes.set(reservationId, outcome);
      return events;
    });
    // R-SEAT-8: the claims refused here give their seats back, as releaseSeats does.
    const refusedClaims = [
      ...t.refused.map((r) => r.claimId),
      ...t.candidates
        .filter((c) => outcomes.get(reservationIdOf(trancheId, c.claimId))?.status === 'refused')
        .map((c) => c.claimId),
    ];
    const released =
      refusedClaims.length === 0
        ? []
        : decideReleaseSeats(partyCleared, {
            applicationId: appStarted.applicationId,
            claimIds: refusedClaims,
            releasedOn: t.decidedOn,
            cause: { kind: 'tranche-refused', id: trancheId },
          });
    const completed = decideCompleteTrancheApproval(appStarted, trancheId, outcomes);
    if (completed.length === 0) return undefined;
    finished = completed.reduce(seatApplicationFold.evolve, appStarted).tranches.get(trancheId);
    if (!finished) return undefined;

    const enterpriseStream = streams.enterprise(appStarted.enterpriseId);
    const appStream = streams.seatApplication(appStarted.applicationId);
    const clearMeta = () => metadataFor(ctx, cmd.decidedOn, undefined, trancheId);
    const startMeta = () => metadataFor(ctx, cmd.decidedOn, start.policyVersion);
    parts = [
      {
        stream: enterpriseStream,
        expected: enterprise.revision,
        events: sealedOn(enterpriseStream, enterprise, [...cleared, ...released], (e) =>
          released.includes(e) ? meta() : clearMeta(),
        ),
      },
      {
        stream: appStream,
        expected: app.revision,
        events: sealedOn(appStream, app, [...start.events, ...completed], (e) =>
          completed.includes(e) ? meta() : startMeta(),
        ),
      },
      ...personStreams.map((stream, i) => ({
        stream,
        expected: persons[i].revision,
        events: sealedOn(stream, persons[i], reserved[i], meta),
      })),
    ];
  } catch (err) {
    if (err instanceof LedgerError) return undefined; // decided again, step by step, on fresh reads
    throw err;
  }
  try {
    const results = await store.appendAll(parts);
    return { finished, position: Math.max(...results.map((r) => r.position)) };
  } catch (err) {
    if (err instanceof ConcurrencyError) return undefined;
    throw err;
  }
}
