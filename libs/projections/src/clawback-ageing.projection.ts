import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { daysBetween } from '@ledger/domain';
import { asLedgerEvent, canonicalInstant, JournalOperation, JournalProjection } from './read-model';

export const CLAWBACK_ENTRIES_JOURNAL = 'clawback_entries';

/**
 * One movement of one clawback (R-FRAUD): `due` when a finding assessed it,
 * `recovered` (negative) for each share of a recovery allocated to it. The
 * outstanding amount of a clawback as of a date is the sum of its rows with
 * `businessDate <= asOf`; its age counts from `dueSince`. An enterprise's
 * seat claims and site tranches are here; a school's internship tranches in
 * `school-clawback-ageing.projection.ts`.
 */
export interface ClawbackEntry {
  enterpriseId: string;
  caseId: string;
  clawbackId: string;
  /** The false claim, or the site tranche found false as a whole. */
  claimId: string;
  kind: 'due' | 'recovered';
  amountFen: number;
  /** The finding's date (due rows only; null on recovered rows). */
  dueSince: string | null;
  businessDate: string;
  recordedAt: string;
  position: number;
}

/** A clawback row without its party (enterprise or school) and its place in the log. */
export type PartylessClawbackEntry = Omit<
  ClawbackEntry,
  'enterpriseId' | 'recordedAt' | 'position'
>;

/** The due row of a site or internship tranche found false as a whole, when it had been paid. */
export function dueOfFoundFalseTranche(d: {
  caseId: string;
  trancheId: string;
  foundOn: string;
  clawback?: { clawbackId: string; amountFen: number };
}): PartylessClawbackEntry[] {
  if (!d.clawback) return [];
  return [
    {
      caseId: d.caseId,
      clawbackId: d.clawback.clawbackId,
      claimId: d.trancheId,
      kind: 'due',
      amountFen: d.clawback.amountFen,
      dueSince: d.foundOn,
      businessDate: d.foundOn,
    },
  ];
}

/** One negative row per share of a recovery allocated to a clawback. */
export function recoveredByAllocation(d: {
  caseId: string;
  receivedOn: string;
  allocations: readonly { clawbackId: string; claimId: string; amountFen: number }[];
}): PartylessClawbackEntry[] {
  return d.allocations
    .filter((a) => a.amountFen !== 0)
    .map((a) => ({
      caseId: d.caseId,
      clawbackId: a.clawbackId,
      claimId: a.claimId,
      kind: 'recovered',
      amountFen: -a.amountFen,
      dueSince: null,
      businessDate: d.receivedOn,
    }));
}

export const clawbackAgeingProjection: JournalProjection<ClawbackEntry> = {
  kind: 'journal',
  name: 'clawback-ageing',
  version: 1,
  journal: CLAWBACK_ENTRIES_JOURNAL,
  eventTypes: [
    'ClawbackAssessed',
    // A due row when the tranche had been paid (`clawback` set, `dueOfFoundFalseTranche`).
    'SiteTrancheFoundFalse',
    // A recovery from an enterprise (`enterpriseId` set), per allocation.
    'RecoveryRecorded',
  ],
  project(event: RecordedEvent): JournalOperation<ClawbackEntry>[] {
    const e = asLedgerEvent(event);
    const recordedAt = canonicalInstant(event.metadata.recordedAt);
    const row = (r: Omit<ClawbackEntry, 'recordedAt' | 'position'>) => ({
      kind: 'journal' as const,
      journal: CLAWBACK_ENTRIES_JOURNAL,
      row: { ...r, recordedAt, position: event.position },
    });
    switch (e?.type) {
      case 'ClawbackAssessed':
        return [
          row({
            enterpriseId: e.data.enterpriseId,
            caseId: e.data.caseId,
            clawbackId: e.data.clawbackId,
            claimId: e.data.claimId,
            kind: 'due',
            amountFen: e.data.amountFen,
            dueSince: e.data.assessedOn,
            businessDate: e.data.assessedOn,
          }),
        ];
      case 'SiteTrancheFoundFalse':
        return dueOfFoundFalseTranche(e.data).map((r) =>
          row({ ...r, enterpriseId: e.data.enterpriseId }),
        );
      case 'RecoveryRecorded': {
        const enterpriseId = e.data.enterpriseId;
        if (enterpriseId === undefined) return [];
        return recoveredByAllocation(e.data).map((r) => row({ ...r, enterpriseId }));
      }
      default:
        return [];
    }
  },
};

/**
 * Finance's ageing buckets: a reporting convention, not a policy parameter.
 * Days count from the finding that made the amount due, to `asOf`.
 */
export const CLAWBACK_AGEING_BUCKETS = [
  { field: 'days0to30Fen', maxDays: 30 },
  { field: 'days31to90Fen', maxDays: 90 },
  { field: 'days91to365Fen', maxDays: 365 },
  { field: 'over365DaysFen', maxDays: Number.POSITIVE_INFINITY },
] as const;

export type AgeingBucketField = (typeof CLAWBACK_AGEING_BUCKETS)[number]['field'];

/** Outstanding clawbacks of one enterprise as of a date, by age. */
export type ClawbackAgeing = {
  enterpriseId: string;
  outstandingFen: number;
  /** Clawbacks with something outstanding. */
  clawbacks: number;
  /** The oldest outstanding clawback's due date, or null. */
  oldestDueSince: string | null;
} & Record<AgeingBucketField, number>;

export function ageingBucketOf(days: number): AgeingBucketField {
  for (const b of CLAWBACK_AGEING_BUCKETS) if (days <= b.maxDays) return b.field;
  return 'over365DaysFen';
}

export function emptyAgeing(enterpriseId: string): ClawbackAgeing {
  return {
    enterpriseId,
    outstandingFen: 0,
    clawbacks: 0,
    oldestDueSince: null,
    days0to30Fen: 0,
    days31to90Fen: 0,
    days91to365Fen: 0,
    over365DaysFen: 0,
  };
}

/**
 * The ageing of outstanding clawbacks as of `asOf`, per enterprise (sorted by
 * enterprise id), from clawback rows in any order. Every store answers with
 * this one function, so they agree to the fen.
 */
export function ageClawbacks(rows: readonly ClawbackEntry[], asOf: string): ClawbackAgeing[] {
  const byClawback = new Map<
    string,
    { enterpriseId: string; dueSince: string | null; outstandingFen: number }
  >();
  for (const r of rows) {
    if (r.businessDate > asOf) continue;
    const c = byClawback.get(r.clawbackId) ?? {
      enterpriseId: r.enterpriseId,
      dueSince: null,
      outstandingFen: 0,
    };
    c.outstandingFen += r.amountFen;
    if (r.kind === 'due') c.dueSince = r.dueSince;
    byClawback.set(r.clawbackId, c);
  }
  const byEnterprise = new Map<string, ClawbackAgeing>();
  for (const c of byClawback.values()) {
    if (c.outstandingFen === 0 || c.dueSince === null) continue;
    const a = byEnterprise.get(c.enterpriseId) ?? emptyAgeing(c.enterpriseId);
    a.outstandingFen += c.outstandingFen;
    a.clawbacks += 1;
    a[ageingBucketOf(daysBetween(c.dueSince, asOf))] += c.outstandingFen;
    if (a.oldestDueSince === null || c.dueSince < a.oldestDueSince) a.oldestDueSince = c.dueSince;
    byEnterprise.set(c.enterpriseId, a);
  }
  return [...byEnterprise.values()].sort((a, b) =>
    a.enterpriseId < b.enterpriseId ? -1 : a.enterpriseId > b.enterpriseId ? 1 : 0,
  );
}

export interface ClawbackAgeingQuery {
  /** Business date the ages are counted to. */
  asOf: string;
  /** Enterprises per page: 1..1000, default 100. */
  limit?: number;
  /** Only enterprises after this id (for paging). */
  afterEnterpriseId?: string;
}

/** A page of `ageClawbacks` for finance: enterprises with something outstanding, by id. */
export function clawbackAgeingPage(
  rows: readonly ClawbackEntry[],
  query: ClawbackAgeingQuery,
  limit: number,
): ClawbackAgeing[] {
  const after = query.afterEnterpriseId;
  return ageClawbacks(rows, query.asOf)
    .filter((a) => after === undefined || a.enterpriseId > after)
    .slice(0, limit);
}
