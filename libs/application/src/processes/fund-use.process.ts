import { decideReportFundUse, ReportFundUseCommand, streams } from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { runOnStream } from '../stream-command';
import { enterpriseFold } from '../stream-decider';

/** R-SEAT-7: an enterprise reports its use of funds; one append on its own stream. */
export async function reportFundUse(
  deps: LedgerDeps,
  ctx: CommandContext,
  cmd: Omit<ReportFundUseCommand, 'reportedBy'>,
): Promise<Written<{ reportId: string }>> {
  const r = await runOnStream(
    deps.store,
    streams.enterprise(cmd.enterpriseId),
    enterpriseFold,
    (s) => decideReportFundUse(s, { ...cmd, reportedBy: ctx.actorId }),
    () => metadataFor(ctx, cmd.reportedOn),
  );
  return { result: { reportId: cmd.reportId }, position: r.position };
}
