import { randomUUID } from 'node:crypto';
import {
  CaseParty,
  currentTrancheAmountFen,
  decideAbandonPaymentBatch,
  decideApprovePaymentBatch,
  decideBatchTranche,
  decideCreatePaymentBatch,
  decideReleaseTrancheBatch,
  LedgerError,
  notFound,
  PaymentBatchItem,
  PaymentBatchRefusal,
  PaymentBatchState,
  payeeAccountOn,
  ruleViolation,
  streams,
  trancheRefOf,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { laterPosition, loadStream, runOnStream } from '../stream-command';
import {
  internshipFold,
  paymentBatchFold,
  seatApplicationFold,
  siteFold,
  trancheBatchFold,
} from '../stream-decider';
import { tranchePayment } from './tranche-payment';
import { readPayeeAccounts } from './payee-account.process';

/** What a tranche pays now, read from its own stream; undefined for an unknown tranche. */
export async function trancheAmountFen(
  deps: LedgerDeps,
  trancheId: string,
): Promise<number | undefined> {
  const ref = trancheRefOf(trancheId);
  switch (ref?.programme) {
    case 'seat': {
      const { state } = await loadStream(
        deps.store,
        streams.seatApplication(ref.applicationId),
        seatApplicationFold,
      );
      const t = state.tranches.get(trancheId);
      return t ? currentTrancheAmountFen(t) : undefined;
    }
    case 'site': {
      const { state } = await loadStream(deps.store, streams.site(ref.siteId), siteFold);
      return state.tranches.get(trancheId)?.amountFen;
    }
    case 'internship': {
      const { state } = await loadStream(
        deps.store,
        streams.internshipApplication(ref.applicationId),
        internshipFold,
      );
      return state.tranche?.trancheId === trancheId ? state.tranche.amountFen : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * A tranche goes into a batch when it could be paid now by the batch's maker
 * (the checks of a payment: R-FRAUD, R-SOD, R-PUB, R-PAY, R-SEAT-4), and its
 * payee has an account verified on or before the batch date.
 */
async function batchItemOf(
  deps: LedgerDeps,
  ctx: CommandContext,
  trancheId: string,
  createdOn: string,
): Promise<Omit<PaymentBatchItem, 'itemId'>> {
  const amountFen = await trancheAmountFen(deps, trancheId);
  if (amountFen === undefined) throw notFound(`tranche ${trancheId}`);
  const payment = tranchePayment(deps, ctx, {
    disbursementId: '',
    bankRef: '',
    trancheId,
    paidOn: createdOn,
    amountFen,
    paidBy: ctx.actorId,
  });
  const { paidWith } = await payment.check();
  if (paidWith) throw ruleViolation('R-PAY', `tranche ${trancheId} was already paid (${paidWith})`);
  if (amountFen === 0) throw ruleViolation('R-PAY', `tranche ${trancheId} pays nothing`);
  const party: CaseParty = payment.party();
  const account = payeeAccountOn(await readPayeeAccounts(deps, party.kind, party.id), createdOn);
  if (!account) {
    throw ruleViolation(
      'R-PAY',
      `${party.kind} ${party.id} has no bank account verified on or before ${createdOn}`,
    );
  }
  return {
    trancheId,
    payeeKind: party.kind,
    payeeId: party.id,
    payeeName: account.accountName,
    accountId: account.accountId,
    accountName: account.accountName,
    accountNumber: account.accountNumber,
    bankName: account.bankName,
    bankCode: account.bankCode,
    amountFen,
  };
}

/**
 * EndToEndId, MsgId and PmtInfId are at most 35 characters (ISO 20022
 * Max35Text): a batch id of 24 hex digits (96 random bits), and item ids
 * `{batchId}-{n}`, so a statement line names its batch without a lookup.
 */
const newBatchId = () => randomUUID().replace(/-/g, '').slice(0, 24);
export const itemIdOf = (batchId: string, n: number) => `${batchId}-${n}`;
export const batchIdOfItem = (itemId: string): string | undefined =>
  /^([0-9a-f]{24})-[1-9]\d{0,4}$/.exec(itemId)?.[1];

/**
 * CreatePaymentBatch (issue #14): every tranche asked is checked as a payment
 * would be, then claimed on `tranche-batch-{trancheId}` at the revision read
 * (a tranche is in one open batch at most, whatever races); the batch lists
 * what it holds and what it refused, and why. No tranche payable: 422, nothing
 * written.
 */
export async function createPaymentBatch(
  deps: LedgerDeps,
  ctx: CommandContext,
  cmd: { createdOn: string; trancheIds: string[] },
): Promise<Written<PaymentBatchState>> {
  const batchId = newBatchId();
  const meta = () => metadataFor(ctx, cmd.createdOn, undefined, batchId);
  const candidates: PaymentBatchItem[] = [];
  const refused: PaymentBatchRefusal[] = [];
  const refuse = (trancheId: string, err: unknown) => {
    if (!(err instanceof LedgerError)) throw err;
    refused.push({ trancheId, rule: err.rule ?? ruleOf(err), reason: err.message });
  };
  for (const trancheId of new Set(cmd.trancheIds)) {
    try {
      candidates.push({
        itemId: itemIdOf(batchId, candidates.length + 1),
        ...(await batchItemOf(deps, ctx, trancheId, cmd.createdOn)),
      });
    } catch (err) {
      refuse(trancheId, err);
    }
  }
  const nonePayable = () => ruleViolation('R-PAY', 'no tranche asked is payable', { refused });
  if (candidates.length === 0) throw nonePayable();
  let position: number | undefined;
  const items: PaymentBatchItem[] = [];
  for (const item of candidates) {
    try {
      const claimed = await runOnStream(
        deps.store,
        streams.trancheBatch(item.trancheId),
        trancheBatchFold,
        (s) =>
          decideBatchTranche(s, {
            trancheId: item.trancheId,
            batchId,
            itemId: item.itemId,
            processId: batchId,
            claimedOn: cmd.createdOn,
          }),
        meta,
      );
      position = laterPosition(position, claimed.position);
      items.push(item);
    } catch (err) {
      refuse(item.trancheId, err);
    }
  }
  // Every one was taken by another batch meanwhile: nothing was claimed, nothing is written.
  if (items.length === 0) throw nonePayable();
  const created = await runOnStream(
    deps.store,
    streams.paymentBatch(batchId),
    paymentBatchFold,
    (s) =>
      decideCreatePaymentBatch(s, {
        batchId,
        createdOn: cmd.createdOn,
        createdBy: ctx.actorId,
        items,
        refused,
      }),
    meta,
  );
  return { result: created.state, position: laterPosition(position, created.position) };
}

/**
 * Process recovery of a claim (ADR 0002, issue #14): a tranche claimed for
 * batch `batchId` whose batch was never recorded (the request died between
 * its claims and the batch) is released, so it can be batched again. The
 * batch id is closed first (`PaymentBatchAbandoned`, decided on the batch's
 * own stream), so a request still running either recorded its batch before
 * (the claim is then its own and stays) or cannot record it after.
 */
export async function finishPaymentBatchClaim(
  deps: LedgerDeps,
  ctx: CommandContext,
  trancheId: string,
  batchId: string,
): Promise<void> {
  const stream = streams.trancheBatch(trancheId);
  const { state: claim, events } = await loadStream(deps.store, stream, trancheBatchFold);
  if (claim.live?.batchId !== batchId) return;
  // The release is dated as the claim was: the batch's date.
  const on = [...events]
    .reverse()
    .find((e) => e.type === 'TrancheBatched' && e.data['batchId'] === batchId)!.metadata
    .businessDate;
  const closed = await runOnStream(
    deps.store,
    streams.paymentBatch(batchId),
    paymentBatchFold,
    (s) =>
      decideAbandonPaymentBatch(s, {
        batchId,
        abandonedOn: on,
        reason: 'tranches claimed and the batch never recorded (process recovery)',
      }),
    () => metadataFor(ctx, on, undefined, batchId),
  );
  if (closed.state.exists) return;
  await runOnStream(
    deps.store,
    stream,
    trancheBatchFold,
    (s) =>
      decideReleaseTrancheBatch(s, {
        trancheId,
        itemId: claim.live!.itemId,
        reason: `payment batch ${batchId} was never recorded`,
        processId: batchId,
      }),
    () => metadataFor(ctx, on, undefined, batchId),
  );
}

const ruleOf = (err: LedgerError): string =>
  typeof err.details?.['rule'] === 'string' ? err.details['rule'] : 'R-PAY';

export async function approvePaymentBatch(
  deps: LedgerDeps,
  ctx: CommandContext,
  batchId: string,
  cmd: { approvedOn: string },
): Promise<Written<PaymentBatchState>> {
  const approved = await runOnStream(
    deps.store,
    streams.paymentBatch(batchId),
    paymentBatchFold,
    (s) =>
      decideApprovePaymentBatch(s, {
        batchId,
        approvedOn: cmd.approvedOn,
        approvedBy: ctx.actorId,
      }),
    () => metadataFor(ctx, cmd.approvedOn, undefined, batchId),
  );
  return { result: approved.state, position: approved.position };
}

export async function readPaymentBatch(
  deps: LedgerDeps,
  batchId: string,
): Promise<PaymentBatchState> {
  return (await loadStream(deps.store, streams.paymentBatch(batchId), paymentBatchFold)).state;
}
