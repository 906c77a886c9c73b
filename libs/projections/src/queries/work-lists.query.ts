import { Programme } from '@ledger/domain';
import { listedIdOf, listIndexCollection, listTerm } from '../read-model';
import {
  INTERNSHIP_APPLICATION_LIST_COLLECTION,
  InternshipApplicationListItem,
  SEAT_APPLICATION_LIST_COLLECTION,
  SeatApplicationListItem,
  SITE_APPLICATION_LIST_COLLECTION,
  SiteApplicationListItem,
} from '../work-lists/application-list.projection';
import {
  AUDIT_EVENT_INDEX_JOURNAL,
  AuditEventIndexRow,
} from '../work-lists/audit-event-index.projection';
import {
  CASE_LIST_COLLECTION,
  CaseListItem,
  HELD_NOTICE_TERM,
  noticeHoldsTranche,
  PUBLICITY_LIST_COLLECTION,
  PublicityListItem,
} from '../work-lists/notice-and-case-list.projection';
import {
  ENTERPRISE_LIST_COLLECTION,
  EnterpriseListItem,
  SCHOOL_LIST_COLLECTION,
  SchoolListItem,
} from '../work-lists/party-list.projection';
import {
  PAYMENT_BATCH_LIST_COLLECTION,
  PAYMENT_BATCH_VIEW_COLLECTION,
  PaymentBatchListItem,
  PaymentBatchHead,
  PaymentBatchListStatus,
  PaymentBatchView,
  PaymentBatchViewItem,
  itemIdsOf,
} from '../work-lists/payment-batch-list.projection';
import { PAYMENT_BATCH_ITEM_VIEW_COLLECTION } from '../work-lists/payment-batch-item-view.projection';
import { TRANCHE_LIST_COLLECTION, TrancheListItem } from '../work-lists/tranche-list.projection';
import { type AuditEventPageQuery, auditRowMatches } from './audit-event-filter';
import { compareBinary } from './compare-binary';
import { ReadModelFetcher } from './read-model.fetcher';
import { listPage, WorkListPage, workListLimit } from './work-list-page';

export const TRANCHE_LIST_STATUSES = [
  'approved',
  'in-publicity',
  'payable',
  'in-batch',
  'paid',
  'returned',
  'cancelled',
] as const;
export type TrancheListStatus = (typeof TRANCHE_LIST_STATUSES)[number];

/** A tranche as finance sees it: its status as of the date asked, its payee named. */
export interface TrancheWorkItem extends Omit<TrancheListItem, 'status' | 'listedAt'> {
  status: TrancheListStatus;
  payee: { kind: 'enterprise' | 'school'; id: string; name: string | null };
  /** R-PUB: an objection on its notice holds its payment (it is then not `payable`). */
  heldByObjection: boolean;
}

export interface PublicityWorkItem extends Omit<PublicityListItem, 'listedAt'> {
  status: 'open' | 'ended';
}

export interface CaseWorkItem extends Omit<CaseListItem, 'listedAt'> {
  partyName: string | null;
}

interface Paging {
  cursor?: string;
  limit?: number;
}

const withoutListedAt = <T extends { listedAt: number }>({ listedAt: _, ...rest }: T) => rest;

/**
 * The work lists (API.md "Work lists", ADR 0017), written once for every
 * store over its fetcher: each maps its filters to one index (`listTerm`) and
 * dates to a range of it, then shapes the page.
 */
export class WorkListQueries {
  constructor(private readonly fetcher: ReadModelFetcher) {}

  async enterprises(
    q: Paging & { q?: string; suspended?: boolean },
  ): Promise<WorkListPage<Omit<EnterpriseListItem, 'listedAt'>>> {
    const needle = q.q?.trim();
    const upper = needle?.toUpperCase();
    const page = await listPage<EnterpriseListItem>(this.fetcher, {
      collection: ENTERPRISE_LIST_COLLECTION,
      term: listTerm({ suspended: q.suspended === undefined ? undefined : String(q.suspended) }),
      cursor: q.cursor,
      limit: workListLimit(q.limit),
      accept: needle
        ? (d) => d.name.includes(needle) || d.creditCode.toUpperCase().includes(upper!)
        : undefined,
    });
    return { items: page.items.map(withoutListedAt), nextCursor: page.nextCursor };
  }

  async seatApplications(
    q: Paging & { status?: string; enterpriseId?: string },
  ): Promise<WorkListPage<Omit<SeatApplicationListItem, 'listedAt'>>> {
    return this.simple(SEAT_APPLICATION_LIST_COLLECTION, q, {
      status: q.status,
      enterpriseId: q.enterpriseId,
    });
  }

  async siteApplications(
    q: Paging & { status?: string; enterpriseId?: string },
  ): Promise<WorkListPage<Omit<SiteApplicationListItem, 'listedAt'>>> {
    return this.simple(SITE_APPLICATION_LIST_COLLECTION, q, {
      status: q.status,
      enterpriseId: q.enterpriseId,
    });
  }

  async internshipApplications(
    q: Paging & { status?: string; schoolId?: string },
  ): Promise<WorkListPage<Omit<InternshipApplicationListItem, 'listedAt'>>> {
    return this.simple(INTERNSHIP_APPLICATION_LIST_COLLECTION, q, {
      status: q.status,
      schoolId: q.schoolId,
    });
  }

  /**
   * `payable`: on a notice whose last day is before `asOf`, not paid, in no
   * open batch, and no objection on the notice holds it (R-PUB: undecided,
   * or upheld and not yet applied; read from the notices of the page);
   * `in-publicity`: on a notice still running on `asOf`. Both are the stored
   * `published`, split by a range of the notice's end. `in-batch`: claimed by
   * an open payment batch, not paid. `returned`: its last payment came back
   * (退票) and it is not paid again; such a tranche is listed under
   * `returned` and also under what it is now (`payable`, `in-batch`, …).
   */
  async tranches(
    q: Paging & {
      status?: TrancheListStatus;
      programme?: Programme;
      enterpriseId?: string;
      schoolId?: string;
      asOf: string;
    },
  ): Promise<WorkListPage<TrancheWorkItem>> {
    const limit = workListLimit(q.limit);
    const stored = q.status === 'payable' || q.status === 'in-publicity' ? 'published' : q.status;
    const range =
      q.status === 'payable' ? { lt: q.asOf } : q.status === 'in-publicity' ? { gte: q.asOf } : {};
    const page = await listPage<TrancheListItem>(this.fetcher, {
      collection: TRANCHE_LIST_COLLECTION,
      term: listTerm({
        status: stored,
        programme: q.programme,
        enterpriseId: q.enterpriseId,
        schoolId: q.schoolId,
      }),
      range,
      cursor: q.cursor,
      limit,
      acceptChunk:
        q.status === 'payable'
          ? async (docs) => {
              const held = await this.heldByObjection(docs);
              return docs.map((d) => !held.has(d.trancheId));
            }
          : undefined,
    });
    const names = await this.partyNames(page.items);
    const held =
      q.status === 'payable' ? new Set<string>() : await this.heldByObjection(page.items);
    return {
      items: page.items.map((t) => {
        const payee = t.schoolId
          ? { kind: 'school' as const, id: t.schoolId }
          : { kind: 'enterprise' as const, id: t.enterpriseId ?? '' };
        const now = trancheStatusAsOf(t, q.asOf);
        return {
          ...withoutListedAt(t),
          batch: t.batch ?? null,
          lastReturn: t.lastReturn ?? null,
          heldByObjection: held.has(t.trancheId),
          // Listed as asked: a returned tranche is also payable, in a batch, …
          status:
            q.status === 'returned'
              ? 'returned'
              : now === 'payable' && held.has(t.trancheId)
                ? 'in-publicity'
                : now,
          payee: { ...payee, name: names.get(`${payee.kind}:${payee.id}`) ?? null },
        };
      }),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * Tranches of these whose notice has an objection holding their payment
   * (R-PUB). Held notices are few: the notices' `held` index is read over the
   * dates these tranches' notices end on (one range, usually empty), and only
   * the held notices among theirs are read; when that range holds more
   * notices than these tranches have, their own notices are read instead.
   */
  private async heldByObjection(docs: readonly TrancheListItem[]): Promise<Set<string>> {
    const onNotice = docs.filter((d) => d.status === 'published' && d.publicity);
    const pageNotices = [...new Set(onNotice.map((d) => d.publicity!.noticeId))];
    if (pageNotices.length === 0) return new Set();
    const ends = onNotice.map((d) => d.publicity!.endsOn).sort(compareBinary);
    const heldEntries = await this.fetcher.documentIdRange(
      listIndexCollection(PUBLICITY_LIST_COLLECTION, HELD_NOTICE_TERM),
      // Sort keys are `{endsOn}|{position}`: '}' follows '|', so this is every key of the last day.
      { gte: ends[0], lt: `${ends[ends.length - 1]}}` },
      pageNotices.length + 1,
    );
    const heldNotices = new Set(heldEntries.map(listedIdOf));
    const noticeIds =
      heldEntries.length > pageNotices.length
        ? pageNotices
        : pageNotices.filter((id) => heldNotices.has(id));
    if (noticeIds.length === 0) return new Set();
    const notices = await this.fetcher.documents<PublicityListItem>(
      PUBLICITY_LIST_COLLECTION,
      noticeIds,
    );
    const byId = new Map(noticeIds.map((id, i) => [id, notices[i]]));
    const held = new Set<string>();
    for (const d of onNotice) {
      const notice = byId.get(d.publicity!.noticeId);
      if (notice && noticeHoldsTranche(notice, d.trancheId)) held.add(d.trancheId);
    }
    return held;
  }

  /** Ordered by the notice's last day: `open` (running on `asOf` or later) and `ended` are ranges. */
  async publicity(
    q: Paging & { status?: 'open' | 'ended'; asOf: string },
  ): Promise<WorkListPage<PublicityWorkItem>> {
    const range =
      q.status === 'ended' ? { lt: q.asOf } : q.status === 'open' ? { gte: q.asOf } : {};
    const page = await listPage<PublicityListItem>(this.fetcher, {
      collection: PUBLICITY_LIST_COLLECTION,
      term: listTerm({}),
      range,
      cursor: q.cursor,
      limit: workListLimit(q.limit),
    });
    return {
      items: page.items.map(({ claimTranches: _, ...p }) => ({
        ...withoutListedAt(p),
        status: compareBinary(p.endsOn, q.asOf) < 0 ? 'ended' : 'open',
      })),
      nextCursor: page.nextCursor,
    };
  }

  async cases(
    q: Paging & { status?: 'open' | 'closed'; enterpriseId?: string; schoolId?: string },
  ): Promise<WorkListPage<CaseWorkItem>> {
    const page = await listPage<CaseListItem>(this.fetcher, {
      collection: CASE_LIST_COLLECTION,
      term: listTerm({ status: q.status, enterpriseId: q.enterpriseId, schoolId: q.schoolId }),
      cursor: q.cursor,
      limit: workListLimit(q.limit),
    });
    const names = await this.partyNames(page.items);
    return {
      items: page.items.map((c) => ({
        ...withoutListedAt(c),
        partyName:
          names.get(c.schoolId ? `school:${c.schoolId}` : `enterprise:${c.enterpriseId}`) ?? null,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * Payment batches (issue #14 point 7): awaiting approval first, then
   * approved, partly paid and paid, each by creation; `status` narrows to one.
   */
  async paymentBatches(
    q: Paging & { status?: PaymentBatchListStatus },
  ): Promise<WorkListPage<Omit<PaymentBatchListItem, 'listedAt'>>> {
    return this.simple(PAYMENT_BATCH_LIST_COLLECTION, q, { status: q.status });
  }

  /** One batch with its items (accounts masked), or undefined when the read model has none. */
  async paymentBatch(batchId: string): Promise<PaymentBatchView | undefined> {
    const [head] = await this.fetcher.documents<PaymentBatchHead>(PAYMENT_BATCH_VIEW_COLLECTION, [
      batchId,
    ]);
    if (!head) return undefined;
    const items = await this.fetcher.documents<PaymentBatchViewItem>(
      PAYMENT_BATCH_ITEM_VIEW_COLLECTION,
      itemIdsOf(head),
    );
    // An item missing beside its head would be a read model half applied; the head is
    // written in the same transaction as its items, so say so rather than answer short.
    if (items.some((i) => i === undefined))
      throw new Error(`payment batch ${batchId}: items missing from the read model`);
    return { ...head, items: items as PaymentBatchViewItem[] };
  }

  /**
   * Positions of the events that pass the filters, after `after`, at most
   * `limit`, read through the index of the most selective field given
   * (enterprise, then type); `null` when neither is given (the log itself is
   * then the index). A stream's events are read from the stream itself, whose
   * revisions the store indexes already (ADR 0020 §71).
   */
  async auditEventPositions(q: AuditEventPageQuery): Promise<number[] | null> {
    const [field, value] =
      q.enterpriseId !== undefined
        ? ['enterpriseId', q.enterpriseId]
        : q.type !== undefined
          ? ['type', q.type]
          : [undefined, undefined];
    if (field === undefined || value === undefined) return null;
    const positions: number[] = [];
    let after = q.after;
    const chunk = Math.max(q.limit, 200);
    for (;;) {
      const rows = await this.fetcher.journalPage<AuditEventIndexRow>(
        { journal: AUDIT_EVENT_INDEX_JOURNAL, where: { field, value } },
        after,
        chunk,
      );
      for (const row of rows) {
        after = row.position;
        if (!auditRowMatches(row, q)) continue;
        positions.push(row.position);
        if (positions.length === q.limit) return positions;
      }
      if (rows.length < chunk) return positions;
    }
  }

  private async simple<D extends { listedAt: number }>(
    collection: string,
    q: Paging,
    filters: Record<string, string | undefined>,
  ): Promise<WorkListPage<Omit<D, 'listedAt'>>> {
    const page = await listPage<D>(this.fetcher, {
      collection,
      term: listTerm(filters),
      cursor: q.cursor,
      limit: workListLimit(q.limit),
    });
    return { items: page.items.map(withoutListedAt), nextCursor: page.nextCursor };
  }

  /** `enterprise:{id}` / `school:{id}` → name, for one page's parties. */
  private async partyNames(
    items: readonly { enterpriseId: string | null; schoolId: string | null }[],
  ): Promise<Map<string, string>> {
    const enterprises = [
      ...new Set(items.flatMap((i) => (i.enterpriseId ? [i.enterpriseId] : []))),
    ];
    const schools = [...new Set(items.flatMap((i) => (i.schoolId ? [i.schoolId] : [])))];
    const [e, s] = await Promise.all([
      this.fetcher.documents<EnterpriseListItem>(ENTERPRISE_LIST_COLLECTION, enterprises),
      this.fetcher.documents<SchoolListItem>(SCHOOL_LIST_COLLECTION, schools),
    ]);
    const names = new Map<string, string>();
    e.forEach((d) => d && names.set(`enterprise:${d.enterpriseId}`, d.name));
    s.forEach((d) => d && names.set(`school:${d.schoolId}`, d.name));
    return names;
  }
}

export function trancheStatusAsOf(t: TrancheListItem, asOf: string): TrancheListStatus {
  if (t.status !== 'published') return t.status;
  return compareBinary(t.publicity!.endsOn, asOf) < 0 ? 'payable' : 'in-publicity';
}

export type { AuditEventPageQuery } from './audit-event-filter';
export { auditRowMatches, recordedBound } from './audit-event-filter';
