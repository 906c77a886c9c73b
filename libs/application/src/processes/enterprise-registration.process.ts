import { decideRegisterEnterprise, RegisterEnterpriseCommand, streams } from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { runOnStream } from '../stream-command';
import { enterpriseFold } from '../stream-decider';

export async function registerEnterprise(
  deps: LedgerDeps,
  ctx: CommandContext,
  cmd: RegisterEnterpriseCommand,
): Promise<Written<{ enterpriseId: string }>> {
  const r = await runOnStream(
    deps.store,
    streams.enterprise(cmd.enterpriseId),
    enterpriseFold,
    (s) => decideRegisterEnterprise(s, cmd),
    () => metadataFor(ctx, cmd.registeredOn),
  );
  return { result: { enterpriseId: cmd.enterpriseId }, position: r.position };
}
