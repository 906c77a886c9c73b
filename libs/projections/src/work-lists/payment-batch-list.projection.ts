import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { LedgerEventType, PaymentBatchRefusal } from '@ledger/domain';
import { asLedgerEvent, DocumentProjection, listTermsOf, positionSortKey } from '../read-model';

export const PAYMENT_BATCH_LIST_COLLECTION = 'work_list_payment_batch';
export const PAYMENT_BATCH_VIEW_COLLECTION = 'payment_batch_view';

/**
 * `awaiting-approval` until another finance officer approves (R-SOD);
 * `approved` until the bank reports an item; `partly-paid` while some items
 * are reported; `paid` once every item's payment is recorded (a returned one
 * too: it was paid, and its tranche is payable again in another batch).
 */
export const PAYMENT_BATCH_LIST_STATUSES = [
  'awaiting-approval',
  'approved',
  'partly-paid',
  'paid',
] as const;
export type PaymentBatchListStatus = (typeof PAYMENT_BATCH_LIST_STATUSES)[number];

export interface PaymentBatchListItem {
  batchId: string;
  createdOn: string;
  createdBy: string;
  status: PaymentBatchListStatus;
  itemCount: number;
  totalFen: number;
  approvedBy: string | null;
  approvedOn: string | null;
  /** Items whose payment the ledger recorded (by statement or by hand with the item id). */
  paidCount: number;
  /** Of those, payments the bank sent back (退票). */
  returnedCount: number;
  listedAt: number;
}

/** One transfer of a batch as finance reads it: the account masked, as `POST /v1/payment-batches` answers. */
export interface PaymentBatchViewItem {
  itemId: string;
  trancheId: string;
  /** The payee, named by the fields every list names parties by. */
  enterpriseId: string | null;
  schoolId: string | null;
  payeeName: string;
  accountMasked: string;
  bankName: string;
  amountFen: number;
  paidOn: string | null;
  returnedOn: string | null;
}

/** `GET /v1/payment-batches/:id`: the summary, its items and what it refused. */
export interface PaymentBatchView extends Omit<PaymentBatchListItem, 'listedAt'> {
  items: PaymentBatchViewItem[];
  refused: PaymentBatchRefusal[];
}

/**
 * The batch an item id names (`{batchId}-{n}`, ADR 0019): a payment or a
 * return whose disbursement id is an item is the bank's answer to that item.
 * The same pattern as `batchIdOfItem` of the batch process, which this
 * library cannot import.
 */
const ITEM_ID = /^([0-9a-f]{24})-[1-9]\d{0,4}$/;
export const batchOfDisbursement = (disbursementId: string): string[] => {
  const batchId = ITEM_ID.exec(disbursementId)?.[1];
  return batchId ? [batchId] : [];
};

function statusOf(doc: {
  approvedOn: string | null;
  itemCount: number;
  paidCount: number;
}): PaymentBatchListStatus {
  if (doc.approvedOn === null) return 'awaiting-approval';
  if (doc.paidCount === 0) return 'approved';
  return doc.paidCount >= doc.itemCount ? 'paid' : 'partly-paid';
}

/** Awaiting approval first (the second officer's work), then by what is left to do. */
const STATUS_RANK: Record<PaymentBatchListStatus, number> = {
  'awaiting-approval': 0,
  approved: 1,
  'partly-paid': 2,
  paid: 3,
};

/** A payment or its return: a batch's when its disbursement id is an item id (`batchOfDisbursement`). */
export const BATCH_PAYMENT_EVENT_TYPES: readonly LedgerEventType[] = [
  'TrancheDisbursed',
  'SiteTrancheDisbursed',
  'InternshipTrancheDisbursed',
  'DisbursementReturned',
  'SiteDisbursementReturned',
  'InternshipDisbursementReturned',
];

/** The types `batchDocumentIds` answers, for both batch read models. */
const BATCH_DOCUMENT_EVENT_TYPES: readonly LedgerEventType[] = [
  'PaymentBatchCreated',
  'PaymentBatchApproved',
  ...BATCH_PAYMENT_EVENT_TYPES,
];

/** Which batch documents an event touches, for both batch read models. */
function batchDocumentIds(event: RecordedEvent): string[] {
  const e = asLedgerEvent(event);
  switch (e?.type) {
    case 'PaymentBatchCreated':
    case 'PaymentBatchApproved':
      return [e.data.batchId];
    case 'TrancheDisbursed':
    case 'SiteTrancheDisbursed':
    case 'InternshipTrancheDisbursed':
    case 'DisbursementReturned':
    case 'SiteDisbursementReturned':
    case 'InternshipDisbursementReturned':
      return batchOfDisbursement(e.data.disbursementId);
    default:
      return [];
  }
}

/**
 * The bank's answers to a batch's items, as counts: the event names an item
 * of a batch the ledger recorded, else it is someone else's (a payment by
 * hand that happens to look like an item id changes nothing).
 */
function evolveSummary<D extends Omit<PaymentBatchListItem, 'listedAt'>>(
  doc: D,
  event: RecordedEvent,
  hasItem: (itemId: string) => boolean,
): D {
  const e = asLedgerEvent(event);
  switch (e?.type) {
    case 'PaymentBatchApproved':
      if (doc.approvedOn !== null) return doc;
      return withStatus({ ...doc, approvedOn: e.data.approvedOn, approvedBy: e.data.approvedBy });
    case 'TrancheDisbursed':
    case 'SiteTrancheDisbursed':
    case 'InternshipTrancheDisbursed':
      if (!hasItem(e.data.disbursementId)) return doc;
      return withStatus({ ...doc, paidCount: Math.min(doc.itemCount, doc.paidCount + 1) });
    case 'DisbursementReturned':
    case 'SiteDisbursementReturned':
    case 'InternshipDisbursementReturned':
      if (!hasItem(e.data.disbursementId)) return doc;
      return { ...doc, returnedCount: Math.min(doc.paidCount, doc.returnedCount + 1) };
    default:
      return doc;
  }
}

function withStatus<D extends Omit<PaymentBatchListItem, 'listedAt'>>(doc: D): D {
  const status = statusOf(doc);
  return status === doc.status ? doc : { ...doc, status };
}

function summaryOf(
  d: Extract<ReturnType<typeof asLedgerEvent>, { type: 'PaymentBatchCreated' }>['data'],
): Omit<PaymentBatchListItem, 'listedAt'> {
  return {
    batchId: d.batchId,
    createdOn: d.createdOn,
    createdBy: d.createdBy,
    status: 'awaiting-approval',
    itemCount: d.items.length,
    totalFen: d.totalFen,
    approvedBy: null,
    approvedOn: null,
    paidCount: 0,
    returnedCount: 0,
  };
}

/** Item numbers run 1..itemCount, so the summary knows its items without keeping them. */
const itemNumberIn = (doc: { batchId: string; itemCount: number }) => (itemId: string) => {
  const n = Number(itemId.slice(doc.batchId.length + 1));
  return (
    itemId.startsWith(`${doc.batchId}-`) && Number.isInteger(n) && n >= 1 && n <= doc.itemCount
  );
};

/**
 * `GET /v1/payment-batches` (ADR 0017 amended): one small summary per batch,
 * listed by status, awaiting approval first; items are in
 * `paymentBatchViewProjection`, so a page reads summaries only.
 */
export const paymentBatchListProjection: DocumentProjection<PaymentBatchListItem> = {
  kind: 'document',
  name: 'work-list-payment-batch',
  version: 1,
  collection: PAYMENT_BATCH_LIST_COLLECTION,
  eventTypes: BATCH_DOCUMENT_EVENT_TYPES,
  documentIds: batchDocumentIds,
  evolve(doc, event) {
    const e = asLedgerEvent(event);
    if (e?.type === 'PaymentBatchCreated') {
      return doc ?? { ...summaryOf(e.data), listedAt: event.position };
    }
    return doc && evolveSummary(doc, event, itemNumberIn(doc));
  },
  listing: (doc) =>
    listTermsOf({ status: doc.status }).map((term) => ({
      term,
      sortKey: `${STATUS_RANK[doc.status]}|${positionSortKey(doc.listedAt)}`,
    })),
};

/**
 * `GET /v1/payment-batches/:id`'s head: the summary and what the batch
 * refused. Its items are documents of their own
 * (`paymentBatchItemViewProjection`): a batch of 10,000 items held in this
 * one document was read, copied and written whole on every payment the
 * statement recorded (62 ms of CPU a payment, ADR 0020 §7b), so a payment
 * now rewrites one small item and this head.
 */
export const paymentBatchViewProjection: DocumentProjection<PaymentBatchHead> = {
  kind: 'document',
  name: 'payment-batch-view',
  version: 2,
  collection: PAYMENT_BATCH_VIEW_COLLECTION,
  eventTypes: BATCH_DOCUMENT_EVENT_TYPES,
  documentIds: batchDocumentIds,
  evolve(doc, event) {
    const e = asLedgerEvent(event);
    if (e?.type === 'PaymentBatchCreated') {
      return doc ?? { ...summaryOf(e.data), refused: e.data.refused };
    }
    return doc && evolveSummary(doc, event, itemNumberIn(doc));
  },
};

/** The batch document without its items, which are read by their ids `{batchId}-1…itemCount`. */
export type PaymentBatchHead = Omit<PaymentBatchView, 'items'>;

/** Item ids of a batch in order: item numbers run 1..itemCount (ADR 0019). */
export function itemIdsOf(head: Pick<PaymentBatchHead, 'batchId' | 'itemCount'>): string[] {
  return Array.from({ length: head.itemCount }, (_, i) => `${head.batchId}-${i + 1}`);
}

export function answerOf(
  event: RecordedEvent,
): { itemId: string; paidOn: string } | { itemId: string; returnedOn: string } | undefined {
  const e = asLedgerEvent(event);
  switch (e?.type) {
    case 'TrancheDisbursed':
    case 'SiteTrancheDisbursed':
    case 'InternshipTrancheDisbursed':
      return { itemId: e.data.disbursementId, paidOn: e.data.paidOn };
    case 'DisbursementReturned':
    case 'SiteDisbursementReturned':
    case 'InternshipDisbursementReturned':
      return { itemId: e.data.disbursementId, returnedOn: e.data.returnedOn };
    default:
      return undefined;
  }
}
