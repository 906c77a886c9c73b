import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import {
  asLedgerEvent,
  DocumentProjection,
  listTerm,
  listTermsOf,
  positionSortKey,
} from '../read-model';

export const PUBLICITY_LIST_COLLECTION = 'work_list_publicity';
export const CASE_LIST_COLLECTION = 'work_list_case';

export interface PublicityListItem {
  publicityId: string;
  startsOn: string;
  endsOn: string;
  publishedAt: string | null;
  trancheIds: string[];
  entryCount: number;
  totalFen: number;
  openObjections: number;
  /**
   * R-PUB: objections that hold payment now (undecided; upheld on a claim
   * until the claim is out of its tranche; upheld on the whole list), each
   * naming its tranche, or null for the whole notice. `payable` leaves out
   * the tranches they name (`publicityForPayment` decides the same way).
   */
  holds?: { objectionId: string; trancheId: string | null }[];
  /** claim id → tranche id, kept only when the notice has more than one tranche. */
  claimTranches?: Record<string, string>;
  listedAt: number;
}

/**
 * The term of the notices some objection holds now, ordered like every notice
 * by its last day: the tranche list's `payable` reads the held notices of a
 * page's date span from it, one range, instead of every notice of the page.
 */
export const HELD_NOTICE_TERM = listTerm({ held: 'true' });

/** Whether an objection on the notice holds the payment of this tranche (R-PUB). */
export const noticeHoldsTranche = (notice: PublicityListItem, trancheId: string): boolean =>
  (notice.holds ?? []).some((h) => h.trancheId === null || h.trancheId === trancheId);

export interface CaseListItem {
  caseId: string;
  enterpriseId: string | null;
  schoolId: string | null;
  openedOn: string;
  /** Free text: the API masks ID numbers in it. */
  reason: string;
  suspend: boolean;
  status: 'open' | 'closed';
  closedOn: string | null;
  outcome: string | null;
  findings: number;
  clawbackDueFen: number;
  recoveredFen: number;
  listedAt: number;
}

/**
 * `GET /v1/publicity` (ADR 0017): ordered by the notice's last day, so that
 * `open` and `ended` as of a date are each one range of the one index.
 */
export const publicityListProjection: DocumentProjection<PublicityListItem> = {
  kind: 'document',
  name: 'work-list-publicity',
  // 3: notices with holds are also listed under `held=true` (issue #13, payable p99).
  version: 3,
  collection: PUBLICITY_LIST_COLLECTION,
  eventTypes: [
    'PublicityOpened',
    'ObjectionRaised',
    'ObjectionResolved',
    'ObjectionResolutionApplied',
  ],
  documentIds(event: RecordedEvent): string[] {
    const e = asLedgerEvent(event);
    switch (e?.type) {
      case 'PublicityOpened':
      case 'ObjectionRaised':
      case 'ObjectionResolved':
      case 'ObjectionResolutionApplied':
        return [e.data.publicityId];
      default:
        return [];
    }
  },
  evolve(doc, event) {
    const e = asLedgerEvent(event);
    if (!e) return doc;
    switch (e.type) {
      case 'PublicityOpened':
        if (doc) return doc;
        return {
          publicityId: e.data.publicityId,
          startsOn: e.data.startsOn,
          endsOn: e.data.endsOn,
          publishedAt: e.data.publishedAt ?? null,
          trancheIds: (e.data.tranches ?? []).map((t) => t.trancheId),
          entryCount: (e.data.entries ?? []).length,
          totalFen: (e.data.entries ?? []).reduce((sum, x) => sum + x.amountFen, 0),
          openObjections: 0,
          holds: [],
          ...claimTranchesOf(e.data.tranches ?? [], e.data.entries ?? []),
          listedAt: event.position,
        };
      case 'ObjectionRaised': {
        if (!doc) return doc;
        const trancheId = e.data.claimId
          ? (doc.claimTranches?.[e.data.claimId] ?? doc.trancheIds[0] ?? null)
          : null;
        return {
          ...doc,
          openObjections: doc.openObjections + 1,
          holds: [...(doc.holds ?? []), { objectionId: e.data.objectionId, trancheId }],
        };
      }
      case 'ObjectionResolved': {
        if (!doc) return doc;
        // Upheld, it keeps holding: on a claim until the claim is withdrawn, on the list for good.
        const holds = e.data.upheld
          ? doc.holds
          : (doc.holds ?? []).filter((h) => h.objectionId !== e.data.objectionId);
        return { ...doc, openObjections: Math.max(0, doc.openObjections - 1), holds };
      }
      case 'ObjectionResolutionApplied':
        if (!doc) return doc;
        return {
          ...doc,
          holds: (doc.holds ?? []).filter((h) => h.objectionId !== e.data.objectionId),
        };
      default:
        return doc;
    }
  },
  listing: (doc) => {
    const sortKey = `${doc.endsOn}|${positionSortKey(doc.listedAt)}`;
    const entries = listTermsOf({}).map((term) => ({ term, sortKey }));
    return (doc.holds ?? []).length > 0
      ? [...entries, { term: HELD_NOTICE_TERM, sortKey }]
      : entries;
  },
};

/** `GET /v1/cases` (ADR 0017). */
export const caseListProjection: DocumentProjection<CaseListItem> = {
  kind: 'document',
  name: 'work-list-case',
  version: 1,
  collection: CASE_LIST_COLLECTION,
  eventTypes: ['CaseOpened', 'FindingApplied', 'RecoveryRecorded', 'CaseClosed'],
  documentIds(event: RecordedEvent): string[] {
    const e = asLedgerEvent(event);
    switch (e?.type) {
      case 'CaseOpened':
      case 'FindingApplied':
      case 'RecoveryRecorded':
      case 'CaseClosed':
        return [e.data.caseId];
      default:
        return [];
    }
  },
  evolve(doc, event) {
    const e = asLedgerEvent(event);
    if (!e) return doc;
    switch (e.type) {
      case 'CaseOpened':
        if (doc) return doc;
        return {
          caseId: e.data.caseId,
          enterpriseId: e.data.enterpriseId ?? null,
          schoolId: e.data.schoolId ?? null,
          openedOn: e.data.openedOn,
          reason: e.data.reason,
          suspend: e.data.suspend,
          status: 'open',
          closedOn: null,
          outcome: null,
          findings: 0,
          clawbackDueFen: 0,
          recoveredFen: 0,
          listedAt: event.position,
        };
      case 'FindingApplied':
        return (
          doc && {
            ...doc,
            findings: doc.findings + 1,
            clawbackDueFen: doc.clawbackDueFen + (e.data.clawbackDueFen ?? 0),
          }
        );
      case 'RecoveryRecorded':
        return doc && { ...doc, recoveredFen: doc.recoveredFen + e.data.amountFen };
      case 'CaseClosed':
        return (
          doc && {
            ...doc,
            status: 'closed',
            closedOn: e.data.closedOn,
            outcome: e.data.outcome,
          }
        );
      default:
        return doc;
    }
  },
  listing: (doc) =>
    listTermsOf({
      status: doc.status,
      enterpriseId: doc.enterpriseId ?? undefined,
      schoolId: doc.schoolId ?? undefined,
    }).map((term) => ({ term, sortKey: positionSortKey(doc.listedAt) })),
};

function claimTranchesOf(
  tranches: readonly { trancheId: string }[],
  entries: readonly { claimId: string; trancheId: string }[],
): { claimTranches?: Record<string, string> } {
  if (tranches.length <= 1) return {};
  return { claimTranches: Object.fromEntries(entries.map((x) => [x.claimId, x.trancheId])) };
}
