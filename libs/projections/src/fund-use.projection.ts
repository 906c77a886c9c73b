import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { asLedgerEvent, canonicalInstant, JournalOperation, JournalProjection } from './read-model';

export const FUND_USE_ENTRIES_JOURNAL = 'fund_use_entries';

/** R-SEAT-7: one report of how an enterprise spent its subsidy. */
export interface FundUseEntry {
  enterpriseId: string;
  reportId: string;
  educationFen: number;
  otherFen: number;
  businessDate: string;
  recordedAt: string;
  position: number;
}

/** What an enterprise reported spending up to a date. */
export interface FundUseTotals {
  educationFen: number;
  otherFen: number;
  reports: number;
}

export const fundUseProjection: JournalProjection<FundUseEntry> = {
  kind: 'journal',
  name: 'fund-use',
  version: 1,
  journal: FUND_USE_ENTRIES_JOURNAL,
  eventTypes: ['FundUseReported'],
  project(event: RecordedEvent): JournalOperation<FundUseEntry>[] {
    const e = asLedgerEvent(event);
    if (e?.type !== 'FundUseReported') return [];
    return [
      {
        kind: 'journal',
        journal: FUND_USE_ENTRIES_JOURNAL,
        row: {
          enterpriseId: e.data.enterpriseId,
          reportId: e.data.reportId,
          educationFen: e.data.educationFen,
          otherFen: e.data.otherFen,
          businessDate: e.data.reportedOn,
          recordedAt: canonicalInstant(event.metadata.recordedAt),
          position: event.position,
        },
      },
    ];
  },
};

/** The totals of the reports made on or before `asOf`. */
export function fundUseTotals(rows: readonly FundUseEntry[], asOf: string): FundUseTotals {
  const totals: FundUseTotals = { educationFen: 0, otherFen: 0, reports: 0 };
  for (const r of rows) {
    if (r.businessDate > asOf) continue;
    totals.educationFen += r.educationFen;
    totals.otherFen += r.otherFen;
    totals.reports += 1;
  }
  return totals;
}
