import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { asLedgerEvent, cloneDocument, DocumentProjection } from './read-model';

export const SPECIAL_TERMS_COLLECTION = 'special_terms';

export interface SpecialTermsEntryView {
  termsId: string;
  status: 'proposed' | 'confirmed';
  documentRef: string;
  basis: string;
  overrides: Record<string, Record<string, unknown>>;
  validFrom: string;
  validTo: string;
  proposedOn: string;
  proposedBy: string;
  note: string;
  confirmedOn?: string;
  confirmedBy?: string;
}

/** R-SPECIAL: `GET /v1/enterprises/:id/special-terms`. */
export interface SpecialTermsView {
  enterpriseId: string;
  terms: SpecialTermsEntryView[];
  lastPosition: number;
}

export const specialTermsViewProjection: DocumentProjection<SpecialTermsView> = {
  kind: 'document',
  name: 'special-terms-view',
  version: 1,
  collection: SPECIAL_TERMS_COLLECTION,
  eventTypes: ['SpecialTermsProposed', 'SpecialTermsConfirmed'],
  documentIds(event: RecordedEvent): string[] {
    const e = asLedgerEvent(event);
    if (e?.type !== 'SpecialTermsProposed' && e?.type !== 'SpecialTermsConfirmed') return [];
    return [e.data.enterpriseId];
  },
  evolve(current, event) {
    const e = asLedgerEvent(event);
    if (e?.type !== 'SpecialTermsProposed' && e?.type !== 'SpecialTermsConfirmed') return current;
    if (current && event.position <= current.lastPosition) return current;
    const doc: SpecialTermsView = current
      ? cloneDocument(current)
      : { enterpriseId: e.data.enterpriseId, terms: [], lastPosition: 0 };
    doc.lastPosition = event.position;
    if (e.type === 'SpecialTermsProposed') {
      const d = e.data;
      doc.terms.push({
        termsId: d.termsId,
        status: 'proposed',
        documentRef: d.documentRef,
        basis: d.basis,
        overrides: JSON.parse(JSON.stringify(d.overrides)) as SpecialTermsEntryView['overrides'],
        validFrom: d.validFrom,
        validTo: d.validTo,
        proposedOn: d.proposedOn,
        proposedBy: d.proposedBy,
        note: d.note,
      });
      return doc;
    }
    const t = doc.terms.find((x) => x.termsId === e.data.termsId);
    if (t) {
      t.status = 'confirmed';
      t.confirmedOn = e.data.confirmedOn;
      t.confirmedBy = e.data.confirmedBy;
    }
    return doc;
  },
};
