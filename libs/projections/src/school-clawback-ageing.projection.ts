import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import {
  ageClawbacks,
  ClawbackAgeing,
  ClawbackEntry,
  dueOfFoundFalseTranche,
  emptyAgeing,
  recoveredByAllocation,
} from './clawback-ageing.projection';
import { asLedgerEvent, canonicalInstant, JournalOperation, JournalProjection } from './read-model';

export const SCHOOL_CLAWBACK_ENTRIES_JOURNAL = 'school_clawback_entries';

/**
 * One movement of one clawback of a school (R-FRAUD amended: a case against
 * a school names its internship tranches): as an enterprise's
 * `ClawbackEntry`, keyed by the school. `claimId` is the tranche found false.
 */
export type SchoolClawbackEntry = Omit<ClawbackEntry, 'enterpriseId'> & { schoolId: string };

export type SchoolClawbackAgeing = Omit<ClawbackAgeing, 'enterpriseId'> & { schoolId: string };

export const schoolClawbackAgeingProjection: JournalProjection<SchoolClawbackEntry> = {
  kind: 'journal',
  name: 'school-clawback-ageing',
  version: 1,
  journal: SCHOOL_CLAWBACK_ENTRIES_JOURNAL,
  eventTypes: [
    // A due row when the tranche had been paid (`clawback` set, `dueOfFoundFalseTranche`).
    'InternshipTrancheFoundFalse',
    // A recovery from a school (`schoolId` set), per allocation.
    'RecoveryRecorded',
  ],
  project(event: RecordedEvent): JournalOperation<SchoolClawbackEntry>[] {
    const e = asLedgerEvent(event);
    const recordedAt = canonicalInstant(event.metadata.recordedAt);
    const row = (r: Omit<SchoolClawbackEntry, 'recordedAt' | 'position'>) => ({
      kind: 'journal' as const,
      journal: SCHOOL_CLAWBACK_ENTRIES_JOURNAL,
      row: { ...r, recordedAt, position: event.position },
    });
    switch (e?.type) {
      case 'InternshipTrancheFoundFalse':
        return dueOfFoundFalseTranche(e.data).map((r) => row({ ...r, schoolId: e.data.schoolId }));
      case 'RecoveryRecorded': {
        const schoolId = e.data.schoolId;
        if (schoolId === undefined) return [];
        return recoveredByAllocation(e.data).map((r) => row({ ...r, schoolId }));
      }
      default:
        return [];
    }
  },
};

const asSchool = ({ enterpriseId, ...a }: ClawbackAgeing): SchoolClawbackAgeing => ({
  schoolId: enterpriseId,
  ...a,
});

/** Outstanding clawbacks per school as of a date, by age: the enterprises' one function, keyed by school. */
export function ageSchoolClawbacks(
  rows: readonly SchoolClawbackEntry[],
  asOf: string,
): SchoolClawbackAgeing[] {
  const keyed = rows.map(({ schoolId, ...r }) => ({ ...r, enterpriseId: schoolId }));
  return ageClawbacks(keyed, asOf).map(asSchool);
}

export const emptySchoolAgeing = (schoolId: string): SchoolClawbackAgeing =>
  asSchool(emptyAgeing(schoolId));

export interface SchoolClawbackAgeingQuery {
  asOf: string;
  limit?: number;
  /** Only schools after this id (for paging). */
  afterSchoolId?: string;
}

/** A page of `ageSchoolClawbacks`: schools with something outstanding, by id. */
export function schoolClawbackAgeingPage(
  rows: readonly SchoolClawbackEntry[],
  query: SchoolClawbackAgeingQuery,
  limit: number,
): SchoolClawbackAgeing[] {
  const after = query.afterSchoolId;
  return ageSchoolClawbacks(rows, query.asOf)
    .filter((a) => after === undefined || a.schoolId > after)
    .slice(0, limit);
}
