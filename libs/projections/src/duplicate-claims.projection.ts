import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { ConflictRef } from '@ledger/domain';
import { asLedgerEvent, JournalOperation, JournalProjection } from './read-model';

export const DUPLICATE_CLAIMS_JOURNAL = 'duplicate_claims';

/** An R-SEAT-6 refusal, kept for supervisors to look at (a possible fraud case). */
export interface DuplicateClaimRow {
  personKey: string;
  personIdMasked: string;
  claimId: string;
  applicationId: string;
  enterpriseId: string;
  months: string[];
  conflictsWith: ConflictRef[];
  /** The day the refused months were filed. */
  businessDate: string;
  position: number;
}

export const duplicateClaimsProjection: JournalProjection<DuplicateClaimRow> = {
  kind: 'journal',
  name: 'duplicate-claims',
  version: 1,
  journal: DUPLICATE_CLAIMS_JOURNAL,
  eventTypes: ['DuplicateClaimRefused'],
  project(event: RecordedEvent): JournalOperation<DuplicateClaimRow>[] {
    const e = asLedgerEvent(event);
    if (e?.type !== 'DuplicateClaimRefused') return [];
    const d = e.data;
    return [
      {
        kind: 'journal',
        journal: DUPLICATE_CLAIMS_JOURNAL,
        row: {
          personKey: d.personKey,
          personIdMasked: d.personIdMasked,
          claimId: d.claimId,
          applicationId: d.applicationId,
          enterpriseId: d.enterpriseId,
          months: [...d.months],
          conflictsWith: d.conflictsWith.map((c) => ({
            claimId: c.claimId,
            enterpriseId: c.enterpriseId,
            months: [...c.months],
          })),
          businessDate: d.filedOn,
          position: event.position,
        },
      },
    ];
  },
};
