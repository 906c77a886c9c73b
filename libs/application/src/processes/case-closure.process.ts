import {
  CaseOutcome,
  closureProcessIdOf,
  decideCloseCase,
  decideCompleteClosure,
  decideLiftSuspension,
  notFound,
  streams,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { caseFold, enterpriseFold } from '../stream-decider';

export interface ClosureInput {
  closedOn: string;
  outcome: CaseOutcome;
  note: string;
}

export interface ClosureResult {
  caseId: string;
  status: 'closed';
  outcome: CaseOutcome;
  /** True when closing lifted the suspension this case had applied. */
  suspensionLifted: boolean;
}

/**
 * CloseCase (R-FRAUD). When the case suspended its enterprise it is a process
 * (ADR 0002): `CaseClosed` → `EnterpriseSuspensionLifted` (only this case's
 * suspension; another open case may still suspend it) → `CaseSuspensionLifted`.
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
  const result = (): ClosureResult => ({
    caseId,
    status: 'closed',
    outcome,
    suspensionLifted: c.suspensionApplied,
  });
  const processId = closureProcessIdOf(caseId);
  if (!c.openProcesses.has(processId)) return { result: result(), position: undefined };
  const closedOn = c.closedOn ?? c.openedOn;
  const meta = () => metadataFor(ctx, closedOn, undefined, processId);
  const step = await runOnStream(
    deps.store,
    streams.enterprise(c.enterpriseId),
    enterpriseFold,
    (s) =>
      decideLiftSuspension(s, { caseId, liftedOn: closedOn, reason: `case closed: ${outcome}` }),
    meta,
  );
  const done = await runOnStream(deps.store, caseStream, caseFold, decideCompleteClosure, meta);
  return { result: result(), position: laterPosition(step.position, done.position) };
}
