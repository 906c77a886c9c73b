import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { effectiveSeatsOn, LedgerEventType } from '@ledger/domain';
import { asLedgerEvent, cloneDocument, DocumentProjection } from './read-model';

export const EFFECTIVE_SEATS_COLLECTION = 'effective_seats';

export interface RecognitionView {
  recognitionId: string;
  recognizedOn: string;
  recognized: number;
  policyVersion: string;
  specialTermsId?: string;
  refused: { seatRef: string; rule: string; reason: string }[];
}

/** R-EFF: an enterprise's recognitions (each a whole roster) and the lease seats counted. */
export interface EffectiveSeatsView {
  enterpriseId: string;
  /** In the order they were recorded. */
  recognitions: RecognitionView[];
  leaseCounts: {
    trancheId: string;
    siteId: string;
    decidedOn: string;
    seats: number;
    released?: true;
  }[];
  lastPosition: number;
}

/** The effective-seat events the view reads: each names its enterprise. */
const EFFECTIVE_SEATS_VIEW_TYPES: readonly LedgerEventType[] = [
  'EffectiveSeatsRecognized',
  'LeaseSeatsCounted',
  'LeaseSeatsReleased',
];

const TYPES: ReadonlySet<string> = new Set(EFFECTIVE_SEATS_VIEW_TYPES);

export const effectiveSeatsViewProjection: DocumentProjection<EffectiveSeatsView> = {
  kind: 'document',
  name: 'effective-seats-view',
  version: 1,
  collection: EFFECTIVE_SEATS_COLLECTION,
  eventTypes: EFFECTIVE_SEATS_VIEW_TYPES,
  documentIds(event: RecordedEvent): string[] {
    const e = asLedgerEvent(event);
    if (!e || !TYPES.has(e.type)) return [];
    return [(e.data as { enterpriseId: string }).enterpriseId];
  },
  evolve(current, event) {
    const e = asLedgerEvent(event);
    if (!e || !TYPES.has(e.type)) return current;
    if (current && event.position <= current.lastPosition) return current;
    const doc: EffectiveSeatsView = current
      ? cloneDocument(current)
      : {
          enterpriseId: (e.data as { enterpriseId: string }).enterpriseId,
          recognitions: [],
          leaseCounts: [],
          lastPosition: 0,
        };
    doc.lastPosition = event.position;
    switch (e.type) {
      case 'EffectiveSeatsRecognized': {
        const d = e.data;
        const r: RecognitionView = {
          recognitionId: d.recognitionId,
          recognizedOn: d.recognizedOn,
          recognized: d.recognized,
          policyVersion: d.policyVersion,
          refused: d.seats
            .filter((s) => s.status === 'refused')
            .map((s) => ({ seatRef: s.seatRef, rule: s.rule ?? 'R-EFF', reason: s.reason ?? '' })),
        };
        if (d.specialTermsId !== undefined) r.specialTermsId = d.specialTermsId;
        doc.recognitions.push(r);
        return doc;
      }
      case 'LeaseSeatsCounted':
        doc.leaseCounts.push({
          trancheId: e.data.trancheId,
          siteId: e.data.siteId,
          decidedOn: e.data.decidedOn,
          seats: e.data.seats,
        });
        return doc;
      case 'LeaseSeatsReleased':
        for (const c of doc.leaseCounts) if (c.trancheId === e.data.trancheId) c.released = true;
        return doc;
      default:
        return current;
    }
  },
};

/** R-EFF: the count on a date (the latest recognition on or before it), from the view. */
export function effectiveSeatsAsOf(view: EffectiveSeatsView | undefined, asOf: string) {
  const found = effectiveSeatsOn(view?.recognitions ?? [], asOf);
  return {
    effectiveSeats: found.effectiveSeats,
    recognitionId: found.recognition?.recognitionId ?? null,
    recognizedOn: found.recognition?.recognizedOn ?? null,
  };
}
