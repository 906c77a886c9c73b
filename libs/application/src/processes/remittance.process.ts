import { decideRecordRemittance, Fen, streams } from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { runOnStream } from '../stream-command';
import { remittancesFold } from '../stream-decider';

/**
 * Record recovered money remitted to the treasury (缴库) for a fiscal year.
 * `recoveredFen` is what was recovered in that year as the caller read it
 * (a read model): recoveries are never undone, so a figure that lags only
 * refuses more, never lets more through.
 */
export async function recordRemittance(
  deps: LedgerDeps,
  ctx: CommandContext,
  cmd: {
    remittanceId: string;
    fiscalYear: number;
    remittedOn: string;
    amountFen: Fen;
    treasuryRef: string;
  },
  recoveredFen: Fen,
): Promise<Written<{ remittanceId: string }>> {
  const written = await runOnStream(
    deps.store,
    streams.remittances(cmd.fiscalYear),
    remittancesFold,
    (s) => decideRecordRemittance(s, { ...cmd, recordedBy: ctx.actorId }, recoveredFen),
    () => metadataFor(ctx, cmd.remittedOn),
  );
  return { result: { remittanceId: cmd.remittanceId }, position: written.position };
}
