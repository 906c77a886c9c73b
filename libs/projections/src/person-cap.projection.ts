import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { asLedgerEvent, canonicalInstant, JournalOperation, JournalProjection } from './read-model';

export const PERSON_CAP_ENTRIES_JOURNAL = 'person_cap_entries';

/** One signed movement of a person's R-SEAT-5 cap usage, attributed to an enterprise. */
export interface PersonCapEntry {
  personKey: string;
  enterpriseId: string;
  reservationId: string;
  amountFen: number;
  businessDate: string;
  recordedAt: string;
  position: number;
}

/**
 * R-SEAT-5: the person's stream decides the cap; this journal only shows it.
 * A reservation uses the cap from its decision date, a release gives it back
 * from the date of the release.
 */
export const personCapProjection: JournalProjection<PersonCapEntry> = {
  kind: 'journal',
  name: 'person-cap',
  version: 1,
  journal: PERSON_CAP_ENTRIES_JOURNAL,
  eventTypes: ['CapReserved', 'CapReleased'],
  project(event: RecordedEvent): JournalOperation<PersonCapEntry>[] {
    const e = asLedgerEvent(event);
    if (!e) return [];
    switch (e.type) {
      case 'CapReserved':
        return entry(event, {
          personKey: e.data.personKey,
          enterpriseId: e.data.enterpriseId,
          reservationId: e.data.reservationId,
          amountFen: e.data.amountFen,
          businessDate: e.data.decidedOn,
        });
      case 'CapReleased':
        return entry(event, {
          personKey: e.data.personKey,
          enterpriseId: e.data.enterpriseId,
          reservationId: e.data.reservationId,
          amountFen: -e.data.amountFen,
          businessDate: e.data.releasedOn,
        });
      default:
        return [];
    }
  },
};

function entry(
  event: RecordedEvent,
  fields: Omit<PersonCapEntry, 'recordedAt' | 'position'>,
): JournalOperation<PersonCapEntry>[] {
  if (fields.amountFen === 0) return [];
  return [
    {
      kind: 'journal',
      journal: PERSON_CAP_ENTRIES_JOURNAL,
      row: {
        ...fields,
        recordedAt: canonicalInstant(event.metadata.recordedAt),
        position: event.position,
      },
    },
  ];
}
