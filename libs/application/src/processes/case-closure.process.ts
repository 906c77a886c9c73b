import {
  CaseOutcome,
  closureProcessIdOf,
  decideCloseCase,
  decideCompleteClosure,
  notFound,
  streams,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { liftPartySuspension } from '../standing/party-suspension';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { caseFold } from '../stream-decider';

export interface ClosureInput {
  closedOn: string;
  outcome: CaseOutcome;
  note: string;
}

export interface ClosureResult {
  caseId: string;
  status: 'closed';
  outcome: CaseOutcome;
  /**
   * True when the suspension this case applied is lifted. False while what
   * it found due back is outstanding: the recovery that repays it lifts the
   * suspension (R-FRAUD amended; the trace shows what is outstanding).
   */
  suspensionLifted: boolean;
}

/**
 * CloseCase (R-FRAUD). When the case suspended its party and nothing it
 * found due back is outstanding, it is a process (ADR 0002): `CaseClosed` →
 * `EnterpriseSuspensionLifted` / `SchoolSuspensionLifted` (only this case's
 * suspension; another case may still suspend it) → `CaseSuspensionLifted`.
 * With money outstanding the suspension stays (recovery.process.ts lifts it).
 */
export async function closeCase(
  deps: LedgerDeps,
  ctx: CommandContext,
  caseId: string,
  input: ClosureInput,
): Promise<Written<ClosureResult>> {
  const started = await runOnStream(
    deps.store,
    streams.case(caseId),
    caseFold,
    (s) => {
      if (!s.exists) throw notFound(`case ${caseId}`);
      return decideCloseCase(s, { ...input, closedBy: ctx.actorId });
    },
    () => metadataFor(ctx, input.closedOn),
  );
  const finished = await finishClosure(deps, ctx, caseId);
  return { result: finished.result, position: laterPosition(started.position, finished.position) };
}

export async function finishClosure(
  deps: LedgerDeps,
  ctx: CommandContext,
  caseId: string,
): Promise<Written<ClosureResult>> {
  const caseStream = streams.case(caseId);
  const { state: c } = await loadStream(deps.store, caseStream, caseFold);
  if (!c.exists || c.status !== 'closed' || !c.outcome) throw notFound(`closure of case ${caseId}`);
  const outcome = c.outcome;
  const processId = closureProcessIdOf(caseId);
  const lifting = c.openProcesses.has(processId);
  const result = (): ClosureResult => ({
    caseId,
    status: 'closed',
    outcome,
    suspensionLifted: c.suspensionApplied && (lifting || c.suspensionLifted),
  });
  if (!lifting) return { result: result(), position: undefined };
  const closedOn = c.closedOn ?? c.openedOn;
  const meta = () => metadataFor(ctx, closedOn, undefined, processId);
  const step = await liftPartySuspension(
    deps,
    c.party,
    { caseId, liftedOn: closedOn, reason: `case closed: ${outcome}` },
    meta,
  );
  const done = await runOnStream(deps.store, caseStream, caseFold, decideCompleteClosure, meta);
  return { result: result(), position: laterPosition(step, done.position) };
}
