import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { maskAccountNumber } from '@ledger/domain';
import { asLedgerEvent, DocumentProjection } from '../read-model';
import {
  BATCH_PAYMENT_EVENT_TYPES,
  answerOf,
  batchOfDisbursement,
  PaymentBatchViewItem,
} from './payment-batch-list.projection';

export const PAYMENT_BATCH_ITEM_VIEW_COLLECTION = 'payment_batch_item_view';

type BatchCreated = Extract<ReturnType<typeof asLedgerEvent>, { type: 'PaymentBatchCreated' }>;
type BatchItem = BatchCreated['data']['items'][number];

function itemIdsTouched(event: RecordedEvent): string[] {
  const e = asLedgerEvent(event);
  if (e?.type === 'PaymentBatchCreated') return e.data.items.map((i) => i.itemId);
  const answer = answerOf(event);
  // Only ids of the item form: a payment by hand names no item.
  return answer && batchOfDisbursement(answer.itemId).length > 0 ? [answer.itemId] : [];
}

/** The item a batch's creation lists under `id`: items are numbered in order, so look there first. */
function createdItem(e: BatchCreated, id: string): BatchItem | undefined {
  const n = Number(id.slice(e.data.batchId.length + 1));
  const at = e.data.items[n - 1];
  return at?.itemId === id ? at : e.data.items.find((i) => i.itemId === id);
}

/**
 * One transfer of a batch and the bank's answer to it (`GET
 * /v1/payment-batches/:id` reads them by id, `{batchId}-{n}`): a payment
 * writes its own item, never the rest of the batch. A payment or return
 * whose id names no item of a recorded batch writes nothing.
 */
export const paymentBatchItemViewProjection: DocumentProjection<PaymentBatchViewItem> = {
  kind: 'document',
  name: 'payment-batch-item-view',
  version: 1,
  collection: PAYMENT_BATCH_ITEM_VIEW_COLLECTION,
  // Every item of a batch made; a payment or its return of one (`answerOf`).
  eventTypes: ['PaymentBatchCreated', ...BATCH_PAYMENT_EVENT_TYPES],
  documentIds: itemIdsTouched,
  evolve(doc, event, id) {
    const e = asLedgerEvent(event);
    if (e?.type === 'PaymentBatchCreated') {
      const i = id === undefined ? undefined : createdItem(e, id);
      if (doc || !i) return doc;
      return {
        itemId: i.itemId,
        trancheId: i.trancheId,
        enterpriseId: i.payeeKind === 'enterprise' ? i.payeeId : null,
        schoolId: i.payeeKind === 'school' ? i.payeeId : null,
        payeeName: i.payeeName,
        accountMasked: maskAccountNumber(i.accountNumber),
        bankName: i.bankName,
        amountFen: i.amountFen,
        paidOn: null,
        returnedOn: null,
      };
    }
    const answer = answerOf(event);
    if (!doc || !answer || answer.itemId !== doc.itemId) return doc;
    return 'paidOn' in answer
      ? { ...doc, paidOn: answer.paidOn, returnedOn: null }
      : { ...doc, returnedOn: answer.returnedOn };
  },
};
