import { StatementLine, streams } from '@ledger/domain';
import { loadStream } from '../stream-command';
import { seatApplicationFold } from '../stream-decider';
import { payableSeatTranche } from '../testing/payable-tranche';
import { reconcileStatement } from './bank-statement.process';
import { approvePaymentBatch, createPaymentBatch } from './payment-batch.process';
import { ctx, reviewer, finance, sqliteLedgerForTest } from '../testing/process-ledger';

/**
 * Statements (issue #14, ADR 0021): a statement that carries a payment and
 * its return (退票), as banks' statements of one day do, records the payment
 * and then the return; importing it again changes nothing.
 */
jest.setTimeout(60_000);

const approver = ctx('finn', 'finance');
const T = 250_000;

describe('statements that pay and return (退票) the same payment', () => {
  const ledger = sqliteLedgerForTest('ledger-test-statement-');

  /** `count` payable tranches in one approved batch: its items, in order. */
  async function approvedBatch(label: string, first: number, count: number) {
    const tranches: Awaited<ReturnType<typeof payableSeatTranche>>[] = [];
    for (let n = first; n < first + count; n++) {
      tranches.push(await payableSeatTranche(ledger.deps, { reviewer, finance }, label, n));
    }
    const batch = await createPaymentBatch(ledger.deps, finance, {
      createdOn: '2023-03-20',
      trancheIds: tranches.map((t) => t.trancheId),
    });
    expect(batch.result.refused).toEqual([]);
    await approvePaymentBatch(ledger.deps, approver, batch.result.batchId, {
      approvedOn: '2023-03-21',
    });
    return batch.result.items.map((item) => ({
      ...item,
      applicationId: tranches.find((t) => t.trancheId === item.trancheId)!.applicationId,
    }));
  }

  const line = (
    n: number,
    itemId: string,
    bankRef: string,
    returned = false,
    bookingDate = '2023-03-22',
  ): StatementLine => ({
    line: n,
    bookingDate,
    direction: returned ? 'CRDT' : 'DBIT',
    amountFen: T,
    bankRef,
    endToEndId: itemId,
    returned,
  });

  const tranche = async (item: { applicationId: string; trancheId: string }) =>
    (
      await loadStream(
        ledger.store,
        streams.seatApplication(item.applicationId),
        seatApplicationFold,
      )
    ).state.tranches.get(item.trancheId);

  it('given a statement with a payment and, lines later, its return, when it is imported, then the payment is recorded and then returned; imported again, nothing changes', async () => {
    const [a, b] = await approvedBatch('both', 1, 2);
    // The returns come first in the statement: order of lines does not decide.
    const lines = [
      line(1, a.itemId, 'RET-A', true),
      line(2, a.itemId, 'PAY-A'),
      line(3, b.itemId, 'PAY-B'),
    ];
    const cmd = { hash: 'a'.repeat(64), statementId: 'S-1', importedOn: '2023-03-23', lines };

    const first = await reconcileStatement(ledger.deps, finance, cmd);

    expect(first.result.unmatched).toEqual([]);
    expect(first.result.paid).toEqual([
      { kind: 'paid', line: 2, itemId: a.itemId, trancheId: a.trancheId, amountFen: T },
      { kind: 'paid', line: 3, itemId: b.itemId, trancheId: b.trancheId, amountFen: T },
    ]);
    expect(first.result.returned).toEqual([
      { kind: 'returned', line: 1, itemId: a.itemId, trancheId: a.trancheId, amountFen: T },
    ]);
    const t = await tranche(a);
    expect(t?.disbursement).toBeUndefined();
    expect(t?.returned).toEqual([
      expect.objectContaining({ disbursementId: a.itemId, bankRef: 'RET-A' }),
    ]);
    expect((await tranche(b))?.disbursement?.disbursementId).toBe(b.itemId);

    const head = await ledger.store.headPosition();
    const again = await reconcileStatement(ledger.deps, finance, cmd);
    expect(again.result).toEqual(first.result);
    expect(await ledger.store.headPosition()).toBe(head);
  });

  it('given a statement returning one payment twice after paying it, when it is imported, then the first return in statement order is recorded and the second is unmatched', async () => {
    const [c] = await approvedBatch('twice', 3, 1);
    const lines = [
      line(1, c.itemId, 'PAY-C'),
      line(2, c.itemId, 'RET-C-1', true),
      line(3, c.itemId, 'RET-C-2', true),
    ];

    const r = await reconcileStatement(ledger.deps, finance, {
      hash: 'c'.repeat(64),
      statementId: 'S-2',
      importedOn: '2023-03-23',
      lines,
    });

    expect(r.result.paid.map((o) => o.line)).toEqual([1]);
    expect(r.result.returned?.map((o) => o.line)).toEqual([2]);
    expect(r.result.unmatched).toEqual([
      { kind: 'unmatched', line: 3, reason: expect.any(String) },
    ]);
    expect((await tranche(c))?.returned).toEqual([
      expect.objectContaining({ disbursementId: c.itemId, bankRef: 'RET-C-1' }),
    ]);
  });

  it('given a return booked before the payment it returns, when the statement is imported, then the return is refused R-DATE and the payment stands', async () => {
    const [d] = await approvedBatch('early', 4, 1);
    const r = await reconcileStatement(ledger.deps, finance, {
      hash: 'd'.repeat(64),
      statementId: 'S-3',
      importedOn: '2023-03-23',
      lines: [line(1, d.itemId, 'PAY-D'), line(2, d.itemId, 'RET-D', true, '2023-03-21')],
    });

    expect(r.result.paid.map((o) => o.line)).toEqual([1]);
    expect(r.result.returned).toEqual([]);
    expect(r.result.unmatched).toEqual([
      { kind: 'unmatched', line: 2, reason: expect.stringContaining('2023-03-22') },
    ]);
    expect((await tranche(d))?.disbursement?.disbursementId).toBe(d.itemId);
  });
});
