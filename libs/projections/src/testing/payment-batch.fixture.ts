import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { ledgerEvent, recorded } from './ledger-events.fixture';

/** A payment batch of two items (issue #14 point 7): made, approved, one item paid and returned. */
export const B = 'a1b2c3d4e5f6a7b8c9d0e1f2';
export const E = '91140200MA0000001X';
export const ACCOUNT = '6222020200112233445';
export const item = (n: number, amountFen: number) => ({
  itemId: `${B}-${n}`,
  trancheId: `sa-${n}.t1`,
  payeeKind: 'enterprise' as const,
  payeeId: E,
  payeeName: '大同批次甲有限公司',
  accountId: 'acc-1',
  accountName: '大同批次甲有限公司',
  accountNumber: ACCOUNT,
  bankName: '中国工商银行大同分行',
  bankCode: '102162000023',
  amountFen,
});

export const created = recorded(
  ledgerEvent('PaymentBatchCreated', {
    batchId: B,
    createdOn: '2023-03-20',
    createdBy: 'fay',
    items: [item(1, 500_000), item(2, 250_000)],
    refused: [{ trancheId: 'nope.t1', rule: 'R-PAY', reason: 'no such tranche' }],
    totalFen: 750_000,
  }),
  { position: 40, stream: `payment-batch-${B}` },
);
export const approved = recorded(
  ledgerEvent('PaymentBatchApproved', { batchId: B, approvedOn: '2023-03-21', approvedBy: 'finn' }),
  { position: 41, stream: `payment-batch-${B}` },
);
export const paid = (n: number, position: number, disbursementId = `${B}-${n}`) =>
  recorded(
    ledgerEvent('TrancheDisbursed', {
      applicationId: `sa-${n}`,
      enterpriseId: E,
      trancheId: `sa-${n}.t1`,
      disbursementId,
      paidOn: '2023-03-22',
      amountFen: 500_000,
      bankRef: `ICBC-${position}`,
      paidBy: 'finn',
    }),
    { position },
  );
export const returned = (n: number, position: number) =>
  recorded(
    ledgerEvent('DisbursementReturned', {
      applicationId: `sa-${n}`,
      enterpriseId: E,
      trancheId: `sa-${n}.t1`,
      disbursementId: `${B}-${n}`,
      amountFen: 500_000,
      returnedOn: '2023-03-25',
      bankRef: `RET-${position}`,
      reason: '账户已销户',
      returnedBy: 'finn',
    }),
    { position },
  );

export function paymentBatchStory(): RecordedEvent[] {
  return [created, approved, paid(1, 42), paid(2, 43), returned(1, 44)];
}
