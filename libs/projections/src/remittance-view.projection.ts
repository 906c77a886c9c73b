import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { fiscalYearOf } from '@ledger/domain';
import { asLedgerEvent, cloneDocument, DocumentProjection } from './read-model';

export const REMITTANCE_COLLECTION = 'remittance';

/** `GET /v1/remittances?fiscalYear=`: recovered in the year (by `receivedOn`), remitted, and the rest. */
export interface RemittanceView {
  fiscalYear: number;
  recoveredFen: number;
  remittedFen: number;
  remittances: {
    remittanceId: string;
    remittedOn: string;
    amountFen: number;
    treasuryRef: string;
  }[];
}

export const remittanceViewProjection: DocumentProjection<RemittanceView> = {
  kind: 'document',
  name: 'remittance-view',
  version: 1,
  collection: REMITTANCE_COLLECTION,
  eventTypes: ['RecoveryRecorded', 'RemittanceRecorded'],
  documentIds(event: RecordedEvent): string[] {
    const e = asLedgerEvent(event);
    if (e?.type === 'RecoveryRecorded') return [String(fiscalYearOf(e.data.receivedOn))];
    if (e?.type === 'RemittanceRecorded') return [String(e.data.fiscalYear)];
    return [];
  },
  evolve(current: RemittanceView | undefined, event: RecordedEvent) {
    const e = asLedgerEvent(event);
    if (e?.type !== 'RecoveryRecorded' && e?.type !== 'RemittanceRecorded') return current;
    const fiscalYear =
      e.type === 'RecoveryRecorded' ? fiscalYearOf(e.data.receivedOn) : e.data.fiscalYear;
    const doc: RemittanceView = current
      ? cloneDocument(current)
      : { fiscalYear, recoveredFen: 0, remittedFen: 0, remittances: [] };
    if (e.type === 'RecoveryRecorded') {
      doc.recoveredFen += e.data.amountFen;
      return doc;
    }
    doc.remittedFen += e.data.amountFen;
    doc.remittances.push({
      remittanceId: e.data.remittanceId,
      remittedOn: e.data.remittedOn,
      amountFen: e.data.amountFen,
      treasuryRef: e.data.treasuryRef,
    });
    return doc;
  },
};
