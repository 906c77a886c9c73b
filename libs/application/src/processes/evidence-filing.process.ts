import {
  decideClaimMonths,
  decideCompleteEvidence,
  decideFileEvidence,
  EvidenceResult,
  FileEvidenceCommand,
  notFound,
  SeatApplicationEvent,
  StepOutcome,
  streams,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { personFold, seatApplicationFold } from '../stream-decider';

/** More evidence for later tranches; R-SEAT-6 decides the new months on each person. */
export async function fileEvidence(
  deps: LedgerDeps,
  ctx: CommandContext,
  applicationId: string,
  cmd: FileEvidenceCommand,
): Promise<Written<EvidenceResult[]>> {
  const started = await runOnStream(
    deps.store,
    streams.seatApplication(applicationId),
    seatApplicationFold,
    (s) => decideFileEvidence(s, cmd),
    () => metadataFor(ctx, cmd.filedOn),
  );
  const finished = await finishEvidence(deps, ctx, applicationId, cmd.processId);
  return { result: finished.result, position: laterPosition(started.position, finished.position) };
}

export async function finishEvidence(
  deps: LedgerDeps,
  ctx: CommandContext,
  applicationId: string,
  processId: string,
): Promise<Written<EvidenceResult[]>> {
  const appStream = streams.seatApplication(applicationId);
  const { state: app, events } = await loadStream(deps.store, appStream, seatApplicationFold);
  const filed = events
    .map((e) => ({ type: e.type, data: e.data }) as SeatApplicationEvent)
    .find((e) => e.type === 'EvidenceFiled' && e.data.processId === processId);
  if (!filed || filed.type !== 'EvidenceFiled') throw notFound(`evidence ${processId}`);
  if (!app.openProcesses.has(processId)) {
    const checked = events.find(
      (e) => e.type === 'EvidenceChecked' && e.data.processId === processId,
    );
    return { result: (checked?.data.results as EvidenceResult[]) ?? [], position: undefined };
  }
  const { filedOn } = filed.data;
  const meta = () => metadataFor(ctx, filedOn, undefined, processId);
  let position: number | undefined;
  const outcomes = new Map<string, StepOutcome>();
  for (const c of filed.data.claims) {
    if (c.newMonths.length === 0) continue;
    const claim = app.claims.get(c.claimId);
    if (!claim) continue;
    const stepId = `${processId}:evidence:${c.claimId}`;
    const step = await runOnStream(
      deps.store,
      streams.person(claim.personKey),
      personFold,
      (s) =>
        decideClaimMonths(s, {
          stepId,
          personKey: claim.personKey,
          personIdMasked: claim.personIdMasked,
          claimId: c.claimId,
          applicationId,
          enterpriseId: app.enterpriseId,
          months: c.newMonths,
          filedOn,
        }),
      meta,
    );
    position = laterPosition(position, step.position);
    const outcome = step.state.steps.get(stepId);
    if (outcome) outcomes.set(c.claimId, outcome);
  }
  const done = await runOnStream(
    deps.store,
    appStream,
    seatApplicationFold,
    (s) => decideCompleteEvidence(s, processId, filedOn, filed.data.claims, outcomes),
    meta,
  );
  position = laterPosition(position, done.position);
  const result = done.appended[0];
  return { result: result?.type === 'EvidenceChecked' ? result.data.results : [], position };
}
