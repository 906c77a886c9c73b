import {
  decideCompleteCaseOpening,
  decideOpenCase,
  decideSuspendEnterprise,
  notFound,
  OpenCaseCommand,
  streams,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { caseFold, enterpriseFold } from '../stream-decider';

export interface CaseOpeningResult {
  caseId: string;
  enterpriseId: string;
  suspended: boolean;
}

/**
 * OpenCase (R-FRAUD). With suspension it is a process (ADR 0002):
 * `CaseOpened` on the case → `EnterpriseSuspended` on the enterprise (the
 * stream tranche approval and payment read) → `CaseSuspensionApplied`.
 */
export async function openCase(
  deps: LedgerDeps,
  ctx: CommandContext,
  cmd: Omit<OpenCaseCommand, 'openedBy'>,
): Promise<Written<CaseOpeningResult>> {
  const { state: enterprise } = await loadStream(
    deps.store,
    streams.enterprise(cmd.enterpriseId),
    enterpriseFold,
  );
  const started = await runOnStream(
    deps.store,
    streams.case(cmd.caseId),
    caseFold,
    (s) => decideOpenCase(s, enterprise, { ...cmd, openedBy: ctx.actorId }),
    () => metadataFor(ctx, cmd.openedOn),
  );
  const finished = await finishCaseOpening(deps, ctx, cmd.caseId);
  return { result: finished.result, position: laterPosition(started.position, finished.position) };
}

export async function finishCaseOpening(
  deps: LedgerDeps,
  ctx: CommandContext,
  caseId: string,
): Promise<Written<CaseOpeningResult>> {
  const caseStream = streams.case(caseId);
  const { state: c } = await loadStream(deps.store, caseStream, caseFold);
  if (!c.exists) throw notFound(`case ${caseId}`);
  const result = (suspended: boolean): CaseOpeningResult => ({
    caseId,
    enterpriseId: c.enterpriseId,
    suspended,
  });
  if (!c.openProcesses.has(caseId)) {
    return {
      result: result(c.suspensionApplied && !c.suspensionLifted),
      position: undefined,
    };
  }
  const meta = () => metadataFor(ctx, c.openedOn, undefined, caseId);
  const step = await runOnStream(
    deps.store,
    streams.enterprise(c.enterpriseId),
    enterpriseFold,
    (s) => decideSuspendEnterprise(s, { caseId, suspendedOn: c.openedOn, reason: c.reason }),
    meta,
  );
  const done = await runOnStream(deps.store, caseStream, caseFold, decideCompleteCaseOpening, meta);
  return { result: result(true), position: laterPosition(step.position, done.position) };
}
