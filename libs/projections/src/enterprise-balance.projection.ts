import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { LedgerEventType, siteProgrammeOf } from '@ledger/domain';
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

/** The events an enterprise balance moves by (its `eventTypes`; the programme year reads them too). */
export const ENTERPRISE_BALANCE_EVENT_TYPES: readonly LedgerEventType[] = [
  // Seat applications.
  'TrancheApproved',
  'ClaimWithdrawnFromTranche',
  'TrancheDisbursed',
  'DisbursementReturned',
  'ClawbackAssessed',
  // Site tranches.
  'SiteTrancheApproved',
  'SiteTrancheWithdrawn',
  'SiteTrancheDisbursed',
  'SiteDisbursementReturned',
  'SiteTrancheFoundFalse',
  // Cases: a recovery from an enterprise (`enterpriseId` set).
  'RecoveryRecorded',
];

/**
 * R-PAY keeps approved and paid apart: a tranche counts as approved on its
 * decision date, less any claim an upheld objection or a finding withdrew on
 * the date it was withdrawn, and as disbursed on the date the bank paid it.
 * R-FRAUD: a paid amount a finding made due back counts as `clawbackDue` on the
 * finding's date (it stays disbursed: it was paid), money back as `recovered`
 * on the date it was received, under the programme of the clawback it repaid;
 * a site tranche found false as a whole is cancelled (`approved`, negative)
 * or due back the same way under its site programme.
 * Site tranches (issue #7) count the same way under their own programme:
 * approved on the decision date, less a withdrawal on its date, disbursed on
 * the payment date. A payment the bank sent back (退票) counts as disbursed
 * negative on the date it came back.
 */
export const enterpriseBalanceProjection: JournalProjection<BalanceEntry> = {
  kind: 'journal',
  name: 'enterprise-balance',
  version: 1,
  journal: BALANCE_ENTRIES_JOURNAL,
  eventTypes: ENTERPRISE_BALANCE_EVENT_TYPES,
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
      // 退票: the payment came back, so it no longer counts as paid from the day it did.
      case 'DisbursementReturned':
        return entry(event, {
          enterpriseId: e.data.enterpriseId,
          kind: 'disbursed',
          amountFen: -e.data.amountFen,
          businessDate: e.data.returnedOn,
          trancheId: e.data.trancheId,
        });
      case 'SiteDisbursementReturned':
        return entry(event, {
          programme: siteProgrammeOf(e.data.kind),
          enterpriseId: e.data.enterpriseId,
          kind: 'disbursed',
          amountFen: -e.data.amountFen,
          businessDate: e.data.returnedOn,
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
      case 'RecoveryRecorded': {
        const enterpriseId = e.data.enterpriseId;
        if (enterpriseId === undefined) return [];
        // Per programme of the clawbacks it repaid (a recovery before site
        // clawbacks repaid only seat ones: one row, as it always was).
        return recoveredByProgramme(e.data.allocations, e.data.amountFen).flatMap(
          ([programme, amountFen]) =>
            entry(event, {
              programme,
              enterpriseId,
              kind: 'recovered',
              amountFen,
              businessDate: e.data.receivedOn,
              trancheId: null,
            }),
        );
      }
      case 'SiteTrancheFoundFalse': {
        const common = {
          programme: siteProgrammeOf(e.data.kind),
          enterpriseId: e.data.enterpriseId,
          businessDate: e.data.foundOn,
          trancheId: e.data.trancheId,
        };
        return [
          ...entry(event, { ...common, kind: 'approved', amountFen: -e.data.cancelledFen }),
          ...entry(event, {
            ...common,
            kind: 'clawbackDue',
            amountFen: e.data.clawback?.amountFen ?? 0,
          }),
        ];
      }
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

/** A recovery's amount per balance programme, from its allocations (no programme: the seat subsidy). */
export function recoveredByProgramme(
  allocations: readonly { amountFen: number; programme?: string }[],
  amountFen: number,
): [string, number][] {
  if (!allocations.some((a) => a.programme !== undefined)) return [[SEAT_PROGRAMME, amountFen]];
  const sums = new Map<string, number>();
  for (const a of allocations) {
    const programme = a.programme ?? SEAT_PROGRAMME;
    sums.set(programme, (sums.get(programme) ?? 0) + a.amountFen);
  }
  return [...sums.entries()];
}

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
