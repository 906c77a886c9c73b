import {
  BankStatementEvent,
  decideImportStatement,
  LedgerError,
  StatementLine,
  StatementOutcome,
  streams,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { loadStream, runOnStream } from '../stream-command';
import { bankStatementFold } from '../stream-decider';
import { recordDisbursement } from './disbursement.process';
import { returnDisbursement } from './disbursement-return.process';
import { batchIdOfItem, readPaymentBatch } from './payment-batch.process';
import { recordRecovery } from './recovery.process';
import { IndexedBatch, indexBatch } from './statement-lines';

/** Lines reconciled at once: their appends share commits (ADR 0006); each line is another tranche. */
const LINES_IN_FLIGHT_MAX = 32;

export type StatementResult = BankStatementEvent['data'];

/** Runs each group's indices in order, up to LINES_IN_FLIGHT_MAX groups at once. */
async function inFlight(groups: number[][], run: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let g = next++; g < groups.length; g = next++) {
      for (const i of groups[g]) await run(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(LINES_IN_FLIGHT_MAX, groups.length) }, worker));
}

/**
 * Reconcile a statement (issue #14): a debit is matched to a batch item by
 * its `EndToEndId` and records the payment through the same process as
 * `POST /v1/tranches/:id/disbursements` (R-PAY, R-PUB, R-FRAUD, R-SOD hold;
 * the item id is the disbursement id, so a line seen again resumes rather than
 * pays twice); a credit naming a case records a recovery as
 * `POST /v1/cases/:id/recoveries` does; a return (退票) records it as
 * `POST /v1/disbursements/:id/return` does, after every debit and credit of
 * the statement, so that the return of a payment the same statement pays
 * finds that payment (ADR 0021). A line that matches nothing, or
 * another amount, or that the payment refuses, is reported and writes
 * nothing. The result is recorded on `bank-statement-{hash}`: the same
 * statement again answers it and changes nothing.
 */
export async function reconcileStatement(
  deps: LedgerDeps,
  ctx: CommandContext,
  cmd: { hash: string; statementId: string; importedOn: string; lines: StatementLine[] },
): Promise<Written<StatementResult>> {
  const stream = streams.bankStatement(cmd.hash);
  const { state } = await loadStream(deps.store, stream, bankStatementFold);
  if (state.imported) return { result: state.imported, position: undefined };

  const batches = new Map<string, Promise<IndexedBatch>>();
  const batchOf = (batchId: string) => {
    let b = batches.get(batchId);
    if (!b) batches.set(batchId, (b = readPaymentBatch(deps, batchId).then(indexBatch)));
    return b;
  };
  const outcomes: StatementOutcome[] = new Array(cmd.lines.length);
  const reconcile = async (l: StatementLine): Promise<StatementOutcome> => {
    const unmatched = (reason: string): StatementOutcome => ({
      kind: 'unmatched',
      line: l.line,
      reason,
    });
    if (l.returned) {
      // 退票: the returned instruction's EndToEndId names the batch item, which is the payment's id.
      const returnedBatchId = l.endToEndId ? batchIdOfItem(l.endToEndId) : undefined;
      if (!l.endToEndId || !returnedBatchId)
        return unmatched('a return without the EndToEndId of a batch item');
      const item = (await batchOf(returnedBatchId)).items.find((i) => i.itemId === l.endToEndId);
      if (!item) return unmatched(`no batch item ${l.endToEndId}`);
      if (item.amountFen !== l.amountFen) {
        return unmatched(`amount ${l.amountFen} fen, item ${item.itemId} is ${item.amountFen} fen`);
      }
      await returnDisbursement(deps, ctx, {
        disbursementId: item.itemId,
        trancheId: item.trancheId,
        returnedOn: l.bookingDate,
        bankRef: l.bankRef,
        reason: l.returnReason ?? `退票: statement ${cmd.statementId.slice(0, 16)} line ${l.line}`,
      });
      return {
        kind: 'returned',
        line: l.line,
        itemId: item.itemId,
        trancheId: item.trancheId,
        amountFen: l.amountFen,
      };
    }
    if (l.direction === 'CRDT') {
      if (!l.caseRef) return unmatched('a credit without a case reference');
      const recoveryId = `${cmd.hash.slice(0, 16)}:${l.line}`;
      await recordRecovery(deps, ctx, l.caseRef, {
        recoveryId,
        receivedOn: l.bookingDate,
        amountFen: l.amountFen,
        bankRef: l.bankRef,
      });
      return {
        kind: 'recovered',
        line: l.line,
        caseId: l.caseRef,
        recoveryId,
        amountFen: l.amountFen,
      };
    }
    const batchId = l.endToEndId ? batchIdOfItem(l.endToEndId) : undefined;
    if (!l.endToEndId || !batchId)
      return unmatched('a debit without the EndToEndId of a batch item');
    const batch = await batchOf(batchId);
    const item = batch.itemById.get(l.endToEndId);
    if (!item) return unmatched(`no batch item ${l.endToEndId}`);
    if (!batch.approved) return unmatched(`payment batch ${batchId} is not approved`);
    if (item.amountFen !== l.amountFen) {
      return unmatched(`amount ${l.amountFen} fen, item ${item.itemId} is ${item.amountFen} fen`);
    }
    await recordDisbursement(deps, ctx, {
      disbursementId: item.itemId,
      trancheId: item.trancheId,
      paidOn: l.bookingDate,
      amountFen: l.amountFen,
      bankRef: l.bankRef,
    });
    return {
      kind: 'paid',
      line: l.line,
      itemId: item.itemId,
      trancheId: item.trancheId,
      amountFen: l.amountFen,
    };
  };
  const settle = async (i: number) => {
    const l = cmd.lines[i];
    try {
      outcomes[i] = await reconcile(l);
    } catch (err) {
      if (!(err instanceof LedgerError)) throw err;
      outcomes[i] = { kind: 'unmatched', line: l.line, reason: err.message };
    }
  };
  // Debits and credits first, then the returns (退票): a statement may carry a
  // payment and its return, and the return is only recorded after it.
  await inFlight(
    cmd.lines.flatMap((l, i) => (l.returned ? [] : [[i]])),
    settle,
  );
  // Returns of one item go one after the other, in statement order (the
  // first takes the payment back, the next finds none); items in parallel.
  const returnsByItem = new Map<string, number[]>();
  cmd.lines.forEach((l, i) => {
    if (!l.returned) return;
    const key = l.endToEndId ?? `line ${l.line}`;
    const group = returnsByItem.get(key);
    if (group) group.push(i);
    else returnsByItem.set(key, [i]);
  });
  await inFlight([...returnsByItem.values()], settle);
  const result: StatementResult = {
    statementId: cmd.statementId,
    hash: cmd.hash,
    importedOn: cmd.importedOn,
    lines: cmd.lines.length,
    paid: outcomes.filter((o) => o.kind === 'paid'),
    recovered: outcomes.filter((o) => o.kind === 'recovered'),
    returned: outcomes.filter((o) => o.kind === 'returned'),
    unmatched: outcomes.filter((o) => o.kind === 'unmatched'),
  };
  const written = await runOnStream(
    deps.store,
    stream,
    bankStatementFold,
    (s) => decideImportStatement(s, result),
    () => metadataFor(ctx, cmd.importedOn),
  );
  return { result: written.state.imported ?? result, position: written.position };
}
