import { createHash } from 'node:crypto';
import {
  BankReferenceUse,
  decideSettleBankReference,
  decideUseBankReference,
  streams,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps } from '../ledger-deps';
import { runOnStream } from '../stream-command';
import { bankReferenceFold } from '../stream-decider';

/** Bank references are keyed by a hash so that any text a bank uses makes a safe stream name. */
export const bankRefKey = (bankRef: string) =>
  createHash('sha256').update(bankRef, 'utf8').digest('hex').slice(0, 40);

/** `bank-reference-{hash}`: one stream for payments and recoveries alike (R-PAY, R-FRAUD). */
export const bankReferenceStream = (bankRef: string) => streams.bankReference(bankRefKey(bankRef));

const businessDateOf = (use: BankReferenceUse) =>
  use.kind === 'recovery' ? use.receivedOn : use.kind === 'return' ? use.returnedOn : use.paidOn;

/**
 * Step 1 of a payment or a recovery (ADR 0002): claim the reference on its
 * own stream. Returns the use the reference now backs: this one, or the
 * first one when the same transfer is presented again before it was settled.
 * 409 when the reference backs another payment or recovery.
 */
export async function claimBankReference(
  deps: LedgerDeps,
  ctx: CommandContext,
  use: BankReferenceUse,
  trancheAlreadyPaidWith: string | undefined,
  policyVersion?: string,
): Promise<{ use: BankReferenceUse; position: number | undefined }> {
  const claimed = await runOnStream(
    deps.store,
    bankReferenceStream(use.bankRef),
    bankReferenceFold,
    (s) => decideUseBankReference(s, use, trancheAlreadyPaidWith).events,
    () => metadataFor(ctx, businessDateOf(use), policyVersion),
  );
  return { use: claimed.state.used ?? use, position: claimed.position };
}

/**
 * Last step: confirm the use when its payment or recovery was recorded,
 * release it when that was refused, so that a payment that lost a race to
 * another payment of its tranche leaves its reference free (issue #12).
 * Idempotent: the request and a recovery pass may both settle.
 */
export async function settleBankReference(
  deps: LedgerDeps,
  ctx: CommandContext,
  use: BankReferenceUse,
  recorded: boolean,
  reason: string,
): Promise<number | undefined> {
  const processId = use.processId;
  if (processId === undefined) return undefined; // an older use: settled by its claim
  const settled = await runOnStream(
    deps.store,
    bankReferenceStream(use.bankRef),
    bankReferenceFold,
    (s) => decideSettleBankReference(s, { processId, recorded, reason }),
    () => metadataFor(ctx, businessDateOf(use), undefined, processId),
  );
  return settled.position;
}
