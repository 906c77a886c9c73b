import { PaymentBatchState } from '@ledger/domain';

type BatchItem = PaymentBatchState['items'][number];

/** A batch read once per statement, its items found by id (a 10,000-item batch scanned per line is quadratic). */
export type IndexedBatch = PaymentBatchState & { itemById: ReadonlyMap<string, BatchItem> };

export function indexBatch(batch: PaymentBatchState): IndexedBatch {
  return { ...batch, itemById: new Map(batch.items.map((i) => [i.itemId, i])) };
}
