import {
  BankStatementEvent,
  decideImportStatement,
  LedgerError,
  PaymentBatchState,
  StatementLine,
  StatementOutcome,
  streams,
} from '@ledger/domain';
import { CommandContext, metadataFor } from '../command-context';
import { LedgerDeps, Written } from '../ledger-deps';
import { loadStream, runOnStream } from '../stream-command';
import { bankStatementFold } from '../stream-decider';
import { recordDisbursement } from './disbursement.process';
import { batchIdOfItem, readPaymentBatch } from './payment-batch.process';
import { recordRecovery } from './recovery.process';

/** Lines reconciled at once: their appends share commits (ADR 0006); each line is another tranche. */
const LINES_IN_FLIGHT_MAX = 32;

export type StatementResult = BankStatementEvent['data'];

/**
 * Reconcile a statement (issue #14): a debit is matched to a batch item by
 * its `EndToEndId` and records the payment through the same process as
 * `POST /v1/tranches/:id/disbursements` (R-PAY, R-PUB, R-FRAUD, R-SOD hold;
 * the item id is the disbursement id, so a line seen again resumes rather than
 * pays twice); a credit naming a case records a recovery as
 * `POST /v1/cases/:id/recoveries` does. A line that matches nothing, or
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

  const batches = new Map<string, Promise<PaymentBatchState>>();
  const batchOf = (batchId: string) => {
    let b = batches.get(batchId);
    if (!b) batches.set(batchId, (b = readPaymentBatch(deps, batchId)));
    return b;
  };
  const outcomes: StatementOutcome[] = new Array(cmd.lines.length);
  const reconcile = async (l: StatementLine): Promise<StatementOutcome> => {
    const unmatched = (reason: string): StatementOutcome => ({
      kind: 'unmatched',
      line: l.line,
      reason,
    });
    if (l.returned)
      return unmatched('a return (退票): returns are not recorded from statements yet');
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
    const item = batch.items.find((i) => i.itemId === l.endToEndId);
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
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < cmd.lines.length; i = next++) {
      const l = cmd.lines[i];
      try {
        outcomes[i] = await reconcile(l);
      } catch (err) {
        if (!(err instanceof LedgerError)) throw err;
        outcomes[i] = { kind: 'unmatched', line: l.line, reason: err.message };
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(LINES_IN_FLIGHT_MAX, cmd.lines.length) }, worker),
  );
  const result: StatementResult = {
    statementId: cmd.statementId,
    hash: cmd.hash,
    importedOn: cmd.importedOn,
    lines: cmd.lines.length,
    paid: outcomes.filter((o) => o.kind === 'paid'),
    recovered: outcomes.filter((o) => o.kind === 'recovered'),
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
