import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { asLedgerEvent, DocumentProjection } from './read-model';

export const DISBURSEMENT_COLLECTION = 'disbursement';

/** `GET /v1/disbursements/:id`: one payment, and the cases that reversed it (R-FRAUD). */
export interface DisbursementView {
  disbursementId: string;
  trancheId: string;
  applicationId: string;
  enterpriseId: string;
  paidOn: string;
  amountFen: number;
  bankRef: string;
  paidBy: string;
  reversedBy: { caseId: string; amountFen: number }[];
}

export const disbursementViewProjection: DocumentProjection<DisbursementView> = {
  kind: 'document',
  name: 'disbursement-view',
  version: 1,
  collection: DISBURSEMENT_COLLECTION,
  documentIds(event: RecordedEvent): string[] {
    const e = asLedgerEvent(event);
    return e?.type === 'TrancheDisbursed' ? [e.data.disbursementId] : [];
  },
  evolve: evolveDisbursementView,
};

export function evolveDisbursementView(
  current: DisbursementView | undefined,
  event: RecordedEvent,
): DisbursementView | undefined {
  const e = asLedgerEvent(event);
  // A payment is recorded once (R-PAY); a repeat of its event changes nothing.
  if (e?.type !== 'TrancheDisbursed' || current) return current;
  const d = e.data;
  return {
    disbursementId: d.disbursementId,
    trancheId: d.trancheId,
    applicationId: d.applicationId,
    enterpriseId: d.enterpriseId,
    paidOn: d.paidOn,
    amountFen: d.amountFen,
    bankRef: d.bankRef,
    paidBy: d.paidBy,
    reversedBy: [],
  };
}
