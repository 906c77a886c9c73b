import {
  decideClaimOccupantMonths,
  decideCompleteRecognition,
  decideReleaseOccupantMonths,
  decideStartRecognition,
  EffectiveSeatsState,
  notFound,
  OccupancyOutcome,
  policyFor,
  RecognizeEffectiveSeatsCommand,
  SeatOutcome,
  streams,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { effectiveSeatsFold, enterpriseFold, personFold } from '../stream-decider';

export interface RecognitionResult {
  recognitionId: string;
  recognizedOn: string;
  /** The enterprise's effective-seat count from `recognizedOn` on. */
  recognized: number;
  refused: { seatRef: string; rule: string; reason: string; conflictsWith?: unknown[] }[];
}

/**
 * RecognizeEffectiveSeats (R-EFF) as a process (ADR 0002): the roster on
 * `effective-seats-{enterpriseId}`, then each occupant's months on their
 * person stream (one employer a month, no person in two seats), then which
 * seats are effective. A seat with a refused occupant is refused, and its
 * other occupants' months are given back.
 */
export async function recognizeEffectiveSeats(
  deps: LedgerDeps,
  ctx: CommandContext,
  cmd: Omit<RecognizeEffectiveSeatsCommand, 'recognizedBy'>,
): Promise<Written<RecognitionResult>> {
  const { state: enterprise } = await loadStream(
    deps.store,
    streams.enterprise(cmd.enterpriseId),
    enterpriseFold,
  );
  const effective = policyFor(deps.policies, enterprise, cmd.recognizedOn);
  const started = await runOnStream(
    deps.store,
    streams.effectiveSeats(cmd.enterpriseId),
    effectiveSeatsFold,
    (s) => decideStartRecognition(s, enterprise, { ...cmd, recognizedBy: ctx.actorId }, effective),
    () => metadataFor(ctx, cmd.recognizedOn, effective.policyVersion),
  );
  const finished = await finishEffectiveSeatRecognition(
    deps,
    ctx,
    cmd.enterpriseId,
    cmd.recognitionId,
  );
  return { result: finished.result, position: laterPosition(started.position, finished.position) };
}

export async function finishEffectiveSeatRecognition(
  deps: LedgerDeps,
  ctx: CommandContext,
  enterpriseId: string,
  recognitionId: string,
): Promise<Written<RecognitionResult>> {
  const stream = streams.effectiveSeats(enterpriseId);
  const { state } = await loadStream(deps.store, stream, effectiveSeatsFold);
  const started = state.started.get(recognitionId);
  if (!started) throw notFound(`recognition ${recognitionId}`);
  if (!state.openProcesses.has(recognitionId)) {
    return { result: recognitionResultOf(state, recognitionId), position: undefined };
  }
  const meta = () => metadataFor(ctx, started.recognizedOn, started.policyVersion, recognitionId);
  let position: number | undefined;
  const outcomes = new Map<string, SeatOutcome>();
  for (const seat of started.candidates) {
    const claimed: { personKey: string }[] = [];
    let refusal: Extract<OccupancyOutcome, { status: 'refused' }> | undefined;
    for (const o of seat.occupants) {
      const stepId = `${recognitionId}:occupy:${seat.seatRef}:${o.personKey}`;
      const step = await runOnStream(
        deps.store,
        streams.person(o.personKey),
        personFold,
        (s) =>
          decideClaimOccupantMonths(s, {
            stepId,
            personKey: o.personKey,
            personIdMasked: o.personIdMasked,
            occupancyId: seat.occupancyId,
            recognitionId,
            enterpriseId,
            seatRef: seat.seatRef,
            months: o.months,
            recognizedOn: started.recognizedOn,
          }),
        meta,
      );
      position = laterPosition(position, step.position);
      const outcome = step.state.occupancySteps.get(stepId);
      if (outcome?.status === 'refused') refusal ??= outcome;
      else claimed.push(o);
    }
    if (refusal) {
      // The seat is not effective: the occupants it did hold give their months back.
      for (const o of claimed) {
        const released = await runOnStream(
          deps.store,
          streams.person(o.personKey),
          personFold,
          (s) =>
            decideReleaseOccupantMonths(s, {
              stepId: `${recognitionId}:release:${seat.seatRef}:${o.personKey}`,
              personKey: o.personKey,
              occupancyId: seat.occupancyId,
              reason: `seat ${seat.seatRef} was refused: ${refusal!.reason}`,
              releasedOn: started.recognizedOn,
            }),
          meta,
        );
        position = laterPosition(position, released.position);
      }
      outcomes.set(seat.seatRef, {
        seatRef: seat.seatRef,
        status: 'refused',
        months: seat.months.length,
        occupants: seat.occupants.length,
        rule: refusal.rule,
        reason: refusal.reason,
        conflictsWith: refusal.conflictsWith.map(({ rule: _rule, ...c }) => c),
      });
    } else {
      outcomes.set(seat.seatRef, {
        seatRef: seat.seatRef,
        status: 'recognized',
        months: seat.months.length,
        occupants: seat.occupants.length,
      });
    }
  }
  const done = await runOnStream(
    deps.store,
    stream,
    effectiveSeatsFold,
    (s) => decideCompleteRecognition(s, recognitionId, outcomes),
    meta,
  );
  position = laterPosition(position, done.position);
  return { result: recognitionResultOf(done.state, recognitionId), position };
}

function recognitionResultOf(state: EffectiveSeatsState, recognitionId: string): RecognitionResult {
  const started = state.started.get(recognitionId);
  if (!started) throw notFound(`recognition ${recognitionId}`);
  const seats = started.outcome ?? [];
  return {
    recognitionId,
    recognizedOn: started.recognizedOn,
    recognized: started.recognized ?? 0,
    refused: seats
      .filter((s) => s.status === 'refused')
      .map((s) => ({
        seatRef: s.seatRef,
        rule: s.rule ?? 'R-EFF',
        reason: s.reason ?? '',
        ...(s.conflictsWith && s.conflictsWith.length > 0
          ? { conflictsWith: s.conflictsWith }
          : {}),
      })),
  };
}
