import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import type { LedgerEventType } from '@ledger/domain';
import { BalanceKind } from './enterprise-balance.projection';
import { BalanceFigures } from './ledger-read-models';
import { FIGURE_OF_KIND, zeroFigures } from './queries/balance-figures';
import { asLedgerEvent, canonicalInstant, JournalOperation, JournalProjection } from './read-model';

export const SCHOOL_BALANCE_ENTRIES_JOURNAL = 'school_balance_entries';

/** The one programme a school is paid under (R-INT). */
export const INTERNSHIP_PROGRAMME = 'internship';

/** One signed movement of a school's money, as `BalanceEntry` is an enterprise's. */
export interface SchoolBalanceEntry {
  schoolId: string;
  programme: string;
  kind: BalanceKind;
  amountFen: number;
  businessDate: string;
  recordedAt: string;
  position: number;
  trancheId: string | null;
  sourceEventType: string;
}

export interface SchoolBalance {
  programmes: Record<string, BalanceFigures>;
  totals: BalanceFigures;
}

/** The events a school balance moves by (its `eventTypes`; the programme year reads them too). */
export const SCHOOL_BALANCE_EVENT_TYPES: readonly LedgerEventType[] = [
  // Internship applications.
  'InternshipTrancheApproved',
  'InternWithdrawnFromTranche',
  'InternshipTrancheDisbursed',
  'InternshipDisbursementReturned',
  'InternshipTrancheFoundFalse',
  // Cases: a recovery from a school (`schoolId` set).
  'RecoveryRecorded',
];

/**
 * `GET /v1/schools/:id/balance` (R-INT, R-PAY): an internship tranche counts
 * as approved on its decision date, less an intern an upheld objection took
 * out on that date, and as disbursed on the date the bank paid it. R-FRAUD
 * (amended): a tranche a finding against the school named false is
 * cancelled (`approved`, negative) or due back (`clawbackDue`) on the
 * finding's date, money back `recovered` on the date received; the figures
 * keep the enterprise balance's shape.
 */
export const schoolBalanceProjection: JournalProjection<SchoolBalanceEntry> = {
  kind: 'journal',
  name: 'school-balance',
  version: 1,
  journal: SCHOOL_BALANCE_ENTRIES_JOURNAL,
  eventTypes: SCHOOL_BALANCE_EVENT_TYPES,
  project(event: RecordedEvent): JournalOperation<SchoolBalanceEntry>[] {
    const e = asLedgerEvent(event);
    switch (e?.type) {
      case 'InternshipTrancheApproved':
        return row(
          event,
          e.data.schoolId,
          'approved',
          e.data.amountFen,
          e.data.decidedOn,
          e.data.trancheId,
        );
      case 'InternWithdrawnFromTranche':
        return row(
          event,
          e.data.schoolId,
          'approved',
          -e.data.amountFen,
          e.data.withdrawnOn,
          e.data.trancheId,
        );
      case 'InternshipTrancheDisbursed':
        return row(
          event,
          e.data.schoolId,
          'disbursed',
          e.data.amountFen,
          e.data.paidOn,
          e.data.trancheId,
        );
      // 退票: the reward came back, so it no longer counts as paid from the day it did.
      case 'InternshipDisbursementReturned':
        return row(
          event,
          e.data.schoolId,
          'disbursed',
          -e.data.amountFen,
          e.data.returnedOn,
          e.data.trancheId,
        );
      case 'InternshipTrancheFoundFalse': {
        const d = e.data;
        return [
          ...row(event, d.schoolId, 'approved', -d.cancelledFen, d.foundOn, d.trancheId),
          ...row(
            event,
            d.schoolId,
            'clawbackDue',
            d.clawback?.amountFen ?? 0,
            d.foundOn,
            d.trancheId,
          ),
        ];
      }
      case 'RecoveryRecorded':
        if (e.data.schoolId === undefined) return [];
        return row(event, e.data.schoolId, 'recovered', e.data.amountFen, e.data.receivedOn, null);
      default:
        return [];
    }
  },
};

function row(
  event: RecordedEvent,
  schoolId: string,
  kind: BalanceKind,
  amountFen: number,
  businessDate: string,
  trancheId: string | null,
): JournalOperation<SchoolBalanceEntry>[] {
  if (amountFen === 0) return [];
  return [
    {
      kind: 'journal',
      journal: SCHOOL_BALANCE_ENTRIES_JOURNAL,
      row: {
        schoolId,
        programme: INTERNSHIP_PROGRAMME,
        kind,
        amountFen,
        businessDate,
        recordedAt: canonicalInstant(event.metadata.recordedAt),
        position: event.position,
        trancheId,
        sourceEventType: event.type,
      },
    },
  ];
}

/**
 * A school's balance from its rows: those with `businessDate <= asOf` and,
 * when given, `recordedAt <= asKnownAt` (canonical instants compare as
 * strings). One function for every store, so they answer alike.
 */
export function schoolBalanceOf(
  rows: readonly SchoolBalanceEntry[],
  asOf: string,
  asKnownAt?: string,
): SchoolBalance {
  const programmes: Record<string, BalanceFigures> = { [INTERNSHIP_PROGRAMME]: zeroFigures() };
  const totals = zeroFigures();
  for (const r of rows) {
    if (r.businessDate > asOf) continue;
    if (asKnownAt !== undefined && r.recordedAt > asKnownAt) continue;
    const figures = (programmes[r.programme] ??= zeroFigures());
    const figure = FIGURE_OF_KIND[r.kind];
    figures[figure] += r.amountFen;
    totals[figure] += r.amountFen;
    if (!Number.isSafeInteger(totals[figure])) throw new RangeError('school balance out of range');
  }
  return { programmes, totals };
}
