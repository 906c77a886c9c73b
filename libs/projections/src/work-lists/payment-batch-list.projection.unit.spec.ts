import { listEntryId } from '../read-model';
import { documentSpecification } from '../testing/projection-specification';
import { ledgerEvent, recorded } from '../testing/ledger-events.fixture';
import {
  ACCOUNT,
  approved,
  B,
  created,
  E,
  item,
  paid,
  returned,
} from '../testing/payment-batch.fixture';
import { paymentBatchItemViewProjection } from './payment-batch-item-view.projection';
import {
  itemIdsOf,
  paymentBatchListProjection,
  paymentBatchViewProjection,
} from './payment-batch-list.projection';

describe('payment batch list projection (issue #14 point 7)', () => {
  const list = documentSpecification(paymentBatchListProjection);
  const view = documentSpecification(paymentBatchViewProjection);
  const items = documentSpecification(paymentBatchItemViewProjection);

  it('given nothing, when a batch is made, then it is listed awaiting approval, ahead of every other status, in the whole list and under its status', () => {
    const ops = list.given().when(created).operations();
    expect(ops[0]).toEqual({
      kind: 'put',
      collection: 'work_list_payment_batch',
      id: B,
      doc: {
        batchId: B,
        createdOn: '2023-03-20',
        createdBy: 'fay',
        status: 'awaiting-approval',
        itemCount: 2,
        totalFen: 750_000,
        approvedBy: null,
        approvedOn: null,
        paidCount: 0,
        returnedCount: 0,
        listedAt: 40,
      },
    });
    const entry = listEntryId('0|0000000000000040', B);
    expect(ops.slice(1)).toEqual([
      { kind: 'put', collection: 'work_list_payment_batch~', id: entry, doc: { id: B } },
      {
        kind: 'put',
        collection: 'work_list_payment_batch~status=awaiting-approval',
        id: entry,
        doc: { id: B },
      },
    ]);
  });

  it('given a batch awaiting approval, when the second officer approves it, then it moves behind the batches awaiting approval and names the approver', () => {
    const ops = list.given(created).when(approved).operations();
    expect(ops[0]).toMatchObject({
      kind: 'put',
      doc: { status: 'approved', approvedBy: 'finn', approvedOn: '2023-03-21' },
    });
    expect(ops).toContainEqual({
      kind: 'delete',
      collection: 'work_list_payment_batch~',
      id: listEntryId('0|0000000000000040', B),
    });
    expect(ops).toContainEqual({
      kind: 'put',
      collection: 'work_list_payment_batch~',
      id: listEntryId('1|0000000000000040', B),
      doc: { id: B },
    });
  });

  it('given an approved batch, when the bank pays one item and then the other, then it is partly paid and then paid', () => {
    list
      .given(created, approved)
      .when(paid(1, 50))
      .thenDocument(B, expect.objectContaining({ status: 'partly-paid', paidCount: 1 }));
    list
      .given(created, approved, paid(1, 50))
      .when(paid(2, 51))
      .thenDocument(B, expect.objectContaining({ status: 'paid', paidCount: 2 }));
  });

  it('given a paid batch, when an item comes back (退票), then the batch stays paid and counts the return', () => {
    list
      .given(created, approved, paid(1, 50), paid(2, 51))
      .when(returned(1, 60))
      .thenDocument(B, expect.objectContaining({ status: 'paid', returnedCount: 1 }));
  });

  it('given a batch of two items, when a payment names an item number it does not have, another batch or no batch, then nothing is written', () => {
    for (const stray of [
      paid(3, 50),
      paid(1, 50, `${'f'.repeat(24)}-1`),
      paid(1, 50, 'dis-by-hand'),
    ]) {
      list.given(created, approved).when(stray).then([]);
      view.given(created, approved).when(stray).then([]);
      items.given(created, approved).when(stray).then([]);
    }
  });

  it('given nothing, when a batch is made, then its head holds the summary and what it refused, and each item is a document of its own with the account masked as the POST answers it', () => {
    view
      .given()
      .when(created)
      .thenDocument(B, {
        batchId: B,
        createdOn: '2023-03-20',
        createdBy: 'fay',
        status: 'awaiting-approval',
        itemCount: 2,
        totalFen: 750_000,
        approvedBy: null,
        approvedOn: null,
        paidCount: 0,
        returnedCount: 0,
        refused: [{ trancheId: 'nope.t1', rule: 'R-PAY', reason: 'no such tranche' }],
      });
    expect(itemIdsOf({ batchId: B, itemCount: 2 })).toEqual([`${B}-1`, `${B}-2`]);
    items
      .given()
      .when(created)
      .thenDocument(`${B}-1`, {
        itemId: `${B}-1`,
        trancheId: 'sa-1.t1',
        enterpriseId: E,
        schoolId: null,
        payeeName: '大同批次甲有限公司',
        accountMasked: `${'*'.repeat(15)}3445`,
        bankName: '中国工商银行大同分行',
        amountFen: 500_000,
        paidOn: null,
        returnedOn: null,
      });
    items
      .given()
      .when(created)
      .thenDocument(`${B}-2`, expect.objectContaining({ itemId: `${B}-2`, amountFen: 250_000 }));
    const ops = [
      ...view.given().when(created).operations(),
      ...items.given().when(created).operations(),
    ];
    expect(JSON.stringify(ops)).not.toContain(ACCOUNT);
  });

  it('given a batch of 10,000 items, when the bank pays one, then only that item and the head are written, each small', () => {
    const many = recorded(
      ledgerEvent('PaymentBatchCreated', {
        batchId: B,
        createdOn: '2023-03-20',
        createdBy: 'fay',
        items: Array.from({ length: 10_000 }, (_, i) => item(i + 1, 100)),
        refused: [],
        totalFen: 1_000_000,
      }),
      { position: 40, stream: `payment-batch-${B}` },
    );
    const ops = [
      ...view.given(many, approved).when(paid(7_777, 50)).operations(),
      ...items.given(many, approved).when(paid(7_777, 50)).operations(),
    ];
    expect(ops.map((o) => ('id' in o ? `${o.kind} ${o.collection} ${o.id}` : o.kind))).toEqual([
      `put payment_batch_view ${B}`,
      `put payment_batch_item_view ${B}-7777`,
    ]);
    expect(JSON.stringify(ops).length).toBeLessThan(2_000);
  });

  it('given a paid item, when it comes back, then the head counts the return and the item shows it paid and returned, the other item untouched', () => {
    view
      .given(created, approved, paid(1, 50))
      .when(returned(1, 60))
      .thenDocument(B, expect.objectContaining({ returnedCount: 1, paidCount: 1 }));
    const ops = items.given(created, approved, paid(1, 50)).when(returned(1, 60)).operations();
    expect(ops).toEqual([
      expect.objectContaining({
        id: `${B}-1`,
        doc: expect.objectContaining({ paidOn: '2023-03-22', returnedOn: '2023-03-25' }),
      }),
    ]);
  });
});
