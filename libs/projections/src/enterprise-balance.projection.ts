import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { siteProgrammeOf } from '@ledger/domain';
import { asLedgerEvent, canonicalInstant, JournalOperation, JournalProjection } from './read-model';

export const BALANCE_ENTRIES_JOURNAL = 'balance_entries';

export const BALANCE_KINDS = ['approved', 'disbursed', 'clawbackDue', 'recovered'] as const;
export type BalanceKind = (typeof BALANCE_KINDS)[number];

/** The programme every enterprise balance shows, even when nothing happened in it. */
export const SEAT_PROGRAMME = 'seat';

/**
 * One signed movement of an enterprise's money. A balance "as of" a business
 * date and "as known at" a recorded time is the sum of the rows with
 * `businessDate <= asOf` and `recordedAt <= asKnownAt`.
 */
export interface BalanceEntry {
  enterpriseId: string;
  /** `seat`, `siteLease`, `siteRenovation`, `sitePurchase` (API.md `programmes`). */
  programme: string;
  kind: BalanceKind;
  amountFen: number;
  businessDate: string;
  recordedAt: string;
  position: number;
  trancheId: string | null;
  sourceEventType: string;
}

/**
 * R-PAY keeps approved and paid apart: a tranche counts as approved on its
 * decision date, less any claim an upheld objection or a finding withdrew on
 * the date it was withdrawn, and as disbursed on the date the bank paid it.
 * R-FRAUD: a paid amount a finding made due back counts as `clawbackDue` on the
 * finding's date (it stays disbursed: it was paid), money back as `recovered`
 * on the date it was received.
 * Site tranches (issue #7) count the same way under their own programme:
 * approved on the decision date, less a withdrawal on its date, disbursed on
 * the payment date.
 */
export const enterpriseBalanceProjection: JournalProjection<BalanceEntry> = {
  kind: 'journal',
  name: 'enterprise-balance',
  version: 1,
  journal: BALANCE_ENTRIES_JOURNAL,
  project(event: RecordedEvent): JournalOperation<BalanceEntry>[] {
    const e = asLedgerEvent(event);
    if (!e) return [];
    switch (e.type) {
      case 'TrancheApproved':
        return entry(event, {
          enterpriseId: e.data.enterpriseId,
          kind: 'approved',
          amountFen: e.data.amountFen,
          businessDate: e.data.decidedOn,
          trancheId: e.data.trancheId,
        });
      case 'ClaimWithdrawnFromTranche':
        return entry(event, {
          enterpriseId: e.data.enterpriseId,
          kind: 'approved',
          amountFen: -e.data.amountFen,
          businessDate: e.data.withdrawnOn,
          trancheId: e.data.trancheId,
        });
      case 'TrancheDisbursed':
        return entry(event, {
          enterpriseId: e.data.enterpriseId,
          kind: 'disbursed',
          amountFen: e.data.amountFen,
          businessDate: e.data.paidOn,
          trancheId: e.data.trancheId,
        });
      case 'ClawbackAssessed':
        return entry(event, {
          enterpriseId: e.data.enterpriseId,
          kind: 'clawbackDue',
          amountFen: e.data.amountFen,
          businessDate: e.data.assessedOn,
          trancheId: e.data.trancheId,
        });
      case 'RecoveryRecorded':
        return entry(event, {
          enterpriseId: e.data.enterpriseId,
          kind: 'recovered',
          amountFen: e.data.amountFen,
          businessDate: e.data.receivedOn,
          trancheId: null,
        });
      case 'SiteTrancheApproved':
        return entry(event, {
          programme: siteProgrammeOf(e.data.kind),
          enterpriseId: e.data.enterpriseId,
          kind: 'approved',
          amountFen: e.data.amountFen,
          businessDate: e.data.decidedOn,
          trancheId: e.data.trancheId,
        });
      case 'SiteTrancheWithdrawn':
        return entry(event, {
          programme: siteProgrammeOf(e.data.kind),
          enterpriseId: e.data.enterpriseId,
          kind: 'approved',
          amountFen: -e.data.amountFen,
          businessDate: e.data.withdrawnOn,
          trancheId: e.data.trancheId,
        });
      case 'SiteTrancheDisbursed':
        return entry(event, {
          programme: siteProgrammeOf(e.data.kind),
          enterpriseId: e.data.enterpriseId,
          kind: 'disbursed',
          amountFen: e.data.amountFen,
          businessDate: e.data.paidOn,
          trancheId: e.data.trancheId,
        });
      default:
        return [];
    }
  },
};

function entry(
  event: RecordedEvent,
  fields: Pick<BalanceEntry, 'enterpriseId' | 'kind' | 'amountFen' | 'businessDate' | 'trancheId'> &
    Partial<Pick<BalanceEntry, 'programme'>>,
): JournalOperation<BalanceEntry>[] {
  // A zero movement (a tranche that reserved nothing) changes no sum.
  if (fields.amountFen === 0) return [];
  return [
    {
      kind: 'journal',
      journal: BALANCE_ENTRIES_JOURNAL,
      row: {
        programme: SEAT_PROGRAMME,
        ...fields,
        recordedAt: canonicalInstant(event.metadata.recordedAt),
        position: event.position,
        sourceEventType: event.type,
      },
    },
  ];
}
