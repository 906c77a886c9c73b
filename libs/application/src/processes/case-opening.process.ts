import {
  decideCompleteCaseOpening,
  decideOpenCase,
  notFound,
  OpenCaseCommand,
  streams,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { suspendParty } from '../standing/party-suspension';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import { caseFold, enterpriseFold, schoolFold } from '../stream-decider';

export interface CaseOpeningResult {
  caseId: string;
  /** The party: one of the two. */
  enterpriseId?: string;
  schoolId?: string;
  suspended: boolean;
}

/**
 * OpenCase (R-FRAUD), against an enterprise or a school. With suspension it
 * is a process (ADR 0002): `CaseOpened` on the case → `EnterpriseSuspended`
 * or `SchoolSuspended` on the party's stream (the stream tranche approval and
 * payment clear themselves on, ADR 0014) → `CaseSuspensionApplied`.
 */
export async function openCase(
  deps: LedgerDeps,
  ctx: CommandContext,
  cmd: Omit<OpenCaseCommand, 'openedBy'>,
): Promise<Written<CaseOpeningResult>> {
  const registered =
    cmd.schoolId !== undefined
      ? (await loadStream(deps.store, streams.school(cmd.schoolId), schoolFold)).state.registered
      : cmd.enterpriseId !== undefined &&
        (await loadStream(deps.store, streams.enterprise(cmd.enterpriseId), enterpriseFold)).state
          .registered;
  const started = await runOnStream(
    deps.store,
    streams.case(cmd.caseId),
    caseFold,
    (s) => decideOpenCase(s, { registered }, { ...cmd, openedBy: ctx.actorId }),
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
    ...(c.party.kind === 'school' ? { schoolId: c.party.id } : { enterpriseId: c.party.id }),
    suspended,
  });
  if (!c.openProcesses.has(caseId)) {
    return {
      result: result(c.suspensionApplied && !c.suspensionLifted),
      position: undefined,
    };
  }
  const meta = () => metadataFor(ctx, c.openedOn, undefined, caseId);
  const step = await suspendParty(
    deps,
    ctx,
    c.party,
    { caseId, suspendedOn: c.openedOn, reason: c.reason },
    meta,
  );
  const done = await runOnStream(deps.store, caseStream, caseFold, decideCompleteCaseOpening, meta);
  return { result: result(true), position: laterPosition(step, done.position) };
}
