import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { fen, Invariant, ReportViolation, str } from './invariant';

const PAYMENTS: ReadonlySet<string> = new Set([
  'TrancheDisbursed',
  'SiteTrancheDisbursed',
  'InternshipTrancheDisbursed',
]);

/** Item ids of payment batches (issue #14): `{batchId}-{n}`; any other id is a payment typed by hand. */
const ITEM_ID = /^([0-9a-f]{24})-[1-9]\d{0,4}$/;

interface Item {
  trancheId: string;
  amountFen: number;
  batchId: string;
}

/**
 * Issue #14: every paid tranche is matched to one batch item or is one manual
 * payment. A payment whose id is a batch item's must be of an approved batch,
 * for that item's tranche and amount, and an item pays once. State: the items
 * of every batch (id → tranche, amount), approved batches, items paid.
 */
export class PaymentMatchInvariant implements Invariant {
  readonly name = 'payment-match';
  readonly rules = ['R-PAY', 'R-SOD'];
  private readonly items = new Map<string, Item>();
  private readonly approved = new Set<string>();
  private readonly paid = new Set<string>();

  observe(event: RecordedEvent, report: ReportViolation): void {
    const d = event.data;
    if (event.type === 'PaymentBatchCreated') {
      const batchId = str(d['batchId']) ?? '';
      const items = Array.isArray(d['items']) ? (d['items'] as Record<string, unknown>[]) : [];
      for (const i of items) {
        this.items.set(str(i['itemId']) ?? '', {
          trancheId: str(i['trancheId']) ?? '',
          amountFen: fen(i['amountFen']),
          batchId,
        });
      }
      return;
    }
    if (event.type === 'PaymentBatchApproved') {
      this.approved.add(str(d['batchId']) ?? '');
      return;
    }
    if (!PAYMENTS.has(event.type)) return;
    const disbursementId = str(d['disbursementId']) ?? '';
    if (!ITEM_ID.test(disbursementId)) return;
    const item = this.items.get(disbursementId);
    const trancheId = str(d['trancheId']) ?? '';
    if (!item) {
      report('R-PAY', `payment ${disbursementId} names a batch item that no batch holds`);
      return;
    }
    if (item.trancheId !== trancheId || item.amountFen !== fen(d['amountFen'])) {
      report(
        'R-PAY',
        `payment ${disbursementId} of tranche ${trancheId} for ${fen(d['amountFen'])} fen does not match its item (tranche ${item.trancheId}, ${item.amountFen} fen)`,
      );
    }
    if (!this.approved.has(item.batchId)) {
      report('R-SOD', `payment ${disbursementId} is of batch ${item.batchId}, not approved`);
    }
    if (this.paid.has(disbursementId)) {
      report('R-PAY', `batch item ${disbursementId} is paid twice`);
    }
    this.paid.add(disbursementId);
  }
}
