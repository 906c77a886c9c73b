import { decideRecordStandingCheck, RecordStandingCheckCommand, streams } from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { runOnStream } from '../stream-command';
import { enterpriseFold } from '../stream-decider';

/**
 * R-SITE-COND: a reviewer records a standing check; one append on the
 * enterprise's stream, which every site tranche approval reads.
 */
export async function recordStandingCheck(
  deps: LedgerDeps,
  ctx: CommandContext,
  cmd: Omit<RecordStandingCheckCommand, 'checkedBy'>,
): Promise<Written<{ checkId: string }>> {
  const r = await runOnStream(
    deps.store,
    streams.enterprise(cmd.enterpriseId),
    enterpriseFold,
    (s) => decideRecordStandingCheck(s, { ...cmd, checkedBy: ctx.actorId }),
    () => metadataFor(ctx, cmd.checkedOn),
  );
  return { result: { checkId: cmd.checkId }, position: r.position };
}
