import {
  decideVerifyPayeeAccount,
  PayeeAccount,
  PayeeAccountsState,
  PayeeKind,
  streams,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { loadStream, runOnStream } from '../stream-command';
import { enterpriseFold, payeeAccountsFold, schoolFold } from '../stream-decider';

/** The payee's registered name, from its own stream (the account must be in that name). */
async function payeeOf(
  deps: LedgerDeps,
  kind: PayeeKind,
  id: string,
): Promise<{ registered: boolean; name: string }> {
  if (kind === 'enterprise') {
    const { state } = await loadStream(deps.store, streams.enterprise(id), enterpriseFold);
    return { registered: state.registered, name: state.name };
  }
  const { state } = await loadStream(deps.store, streams.school(id), schoolFold);
  return { registered: state.registered, name: state.name };
}

/** A reviewer records a payee's bank account as verified (issue #14). */
export async function verifyPayeeAccount(
  deps: LedgerDeps,
  ctx: CommandContext,
  cmd: Omit<PayeeAccount, 'verifiedBy'>,
): Promise<Written<{ accountId: string }>> {
  const payee = await payeeOf(deps, cmd.payeeKind, cmd.payeeId);
  const written = await runOnStream(
    deps.store,
    streams.payeeAccounts(cmd.payeeKind, cmd.payeeId),
    payeeAccountsFold,
    (s) => decideVerifyPayeeAccount(s, { ...cmd, verifiedBy: ctx.actorId }, payee),
    () => metadataFor(ctx, cmd.verifiedOn),
  );
  return { result: { accountId: cmd.accountId }, position: written.position };
}

export async function readPayeeAccounts(
  deps: LedgerDeps,
  kind: PayeeKind,
  id: string,
): Promise<PayeeAccountsState> {
  return (await loadStream(deps.store, streams.payeeAccounts(kind, id), payeeAccountsFold)).state;
}
