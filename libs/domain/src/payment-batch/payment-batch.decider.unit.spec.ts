import {
  claimFreedByReturn,
  decideAbandonPaymentBatch,
  decideApprovePaymentBatch,
  decideBatchTranche,
  decideCreatePaymentBatch,
  decideReleaseTrancheBatch,
  evolvePaymentBatch,
  evolveTrancheBatch,
  fenToDecimal,
  initialPaymentBatchState,
  PaymentBatchItem,
} from './payment-batch.decider';

const item = (trancheId: string, amountFen: number): PaymentBatchItem => ({
  itemId: `i-${trancheId}`,
  trancheId,
  payeeKind: 'enterprise',
  payeeId: '911402000000000192',
  payeeName: '大同云呼叫有限公司',
  accountId: 'acc-1',
  accountName: '大同云呼叫有限公司',
  accountNumber: '6222020200112233445',
  bankName: '中国工商银行大同分行',
  bankCode: '102162000015',
  amountFen,
});
const created = () =>
  decideCreatePaymentBatch(initialPaymentBatchState(), {
    batchId: 'b1',
    createdOn: '2023-04-01',
    createdBy: 'fay',
    items: [item('a.t1', 250_000), item('b.t1', 500_000)],
    refused: [],
  }).reduce(evolvePaymentBatch, initialPaymentBatchState());

describe('payment batch decider', () => {
  it('given two items, when the batch is made, then its total is their sum', () => {
    expect(created().totalFen).toBe(750_000);
  });

  it('given a batch made by fay, when fay approves it, then R-SOD refuses it (403)', () => {
    expect(() =>
      decideApprovePaymentBatch(created(), {
        batchId: 'b1',
        approvedOn: '2023-04-02',
        approvedBy: 'fay',
      }),
    ).toThrow(expect.objectContaining({ kind: 'forbidden', rule: 'R-SOD' }));
  });

  it('given a batch made by fay, when finn approves it, then it is approved; approved again by another, 409', () => {
    const cmd = { batchId: 'b1', approvedOn: '2023-04-02', approvedBy: 'finn' };
    const s = decideApprovePaymentBatch(created(), cmd).reduce(evolvePaymentBatch, created());
    expect(s.approved).toEqual({ approvedOn: '2023-04-02', approvedBy: 'finn' });
    expect(decideApprovePaymentBatch(s, cmd)).toEqual([]);
    expect(() => decideApprovePaymentBatch(s, { ...cmd, approvedBy: 'fiona' })).toThrow(
      expect.objectContaining({ kind: 'conflict' }),
    );
  });

  it('given a tranche in open batch b1, when b2 takes it, then 409 names b1; released, b2 may take it', () => {
    let s = evolveTrancheBatch(
      {},
      decideBatchTranche({}, { trancheId: 'a.t1', batchId: 'b1', itemId: 'i1' })[0],
    );
    expect(() => decideBatchTranche(s, { trancheId: 'a.t1', batchId: 'b2', itemId: 'i2' })).toThrow(
      /open payment batch b1/,
    );
    expect(decideBatchTranche(s, { trancheId: 'a.t1', batchId: 'b1', itemId: 'i1' })).toEqual([]);
    s = decideReleaseTrancheBatch(s, {
      trancheId: 'a.t1',
      itemId: 'i1',
      reason: 'returned',
    }).reduce(evolveTrancheBatch, s);
    expect(decideBatchTranche(s, { trancheId: 'a.t1', batchId: 'b2', itemId: 'i2' })).toHaveLength(
      1,
    );
  });

  it('given amounts in fen, when written for the bank, then yuan with exactly two decimals', () => {
    expect(fenToDecimal(250_000)).toBe('2500.00');
    expect(fenToDecimal(5)).toBe('0.05');
    expect(fenToDecimal(0)).toBe('0.00');
    expect(fenToDecimal(123_456_789_01)).toBe('123456789.01');
    expect(() => fenToDecimal(1.5)).toThrow(RangeError);
  });

  it('given a batch id never recorded, when recovery abandons it, then PaymentBatchAbandoned, once; recording the batch after is 409', () => {
    const abandon = { batchId: 'b9', abandonedOn: '2023-04-01', reason: 'crash' };
    const events = decideAbandonPaymentBatch(initialPaymentBatchState(), abandon);
    expect(events).toEqual([{ type: 'PaymentBatchAbandoned', data: abandon }]);
    const s = events.reduce(evolvePaymentBatch, initialPaymentBatchState());
    expect(decideAbandonPaymentBatch(s, abandon)).toEqual([]);
    expect(() =>
      decideCreatePaymentBatch(s, {
        batchId: 'b9',
        createdOn: '2023-04-01',
        createdBy: 'fay',
        items: [item('a.t1', 100)],
        refused: [],
      }),
    ).toThrow(/abandoned by process recovery/);
  });

  it('given a recorded batch, when recovery would abandon it, then nothing: its claims are its own', () => {
    const s = created();
    expect(
      decideAbandonPaymentBatch(s, { batchId: 'b1', abandonedOn: '2023-04-01', reason: 'crash' }),
    ).toEqual([]);
  });

  it('given a tranche claimed by batch item b-1, when a payment of it comes back (退票), then the claim its item paid is freed, one it was paid by hand past is freed, one taken after the payment stays', () => {
    const claim = { itemId: 'b-1', claimedAt: 10 };
    expect(claimFreedByReturn(claim, { disbursementId: 'b-1', paidAt: undefined })).toBe('b-1');
    expect(claimFreedByReturn(claim, { disbursementId: 'by-hand', paidAt: 12 })).toBe('b-1');
    expect(claimFreedByReturn(claim, { disbursementId: 'by-hand', paidAt: 8 })).toBeUndefined();
    expect(
      claimFreedByReturn(claim, { disbursementId: 'by-hand', paidAt: undefined }),
    ).toBeUndefined();
    expect(claimFreedByReturn(undefined, { disbursementId: 'b-1', paidAt: 12 })).toBeUndefined();
  });
});
