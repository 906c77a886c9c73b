import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { maskIdNumbersInText } from '@ledger/audit/mask';
import { Programme } from '@ledger/domain';
import { TrancheListStatus, WorkListPage } from '@ledger/projections';
import { LedgerClock } from '../../ledger-core/ledger-clock';
import { LedgerQueries } from '../../ledger-core/ledger-queries';
import { Actor } from '../../platform/auth/actor';
import { assertOwnEnterprise, assertOwnSchool } from '../../platform/auth/ownership';

export type WorkListName =
  | 'enterprises'
  | 'seat-applications'
  | 'site-applications'
  | 'internship-applications'
  | 'tranches'
  | 'publicity'
  | 'cases';

/** The query string of a list, validated by its DTO. */
export interface WorkListParams {
  limit?: number;
  cursor?: string;
  minPosition?: number;
  status?: string;
  enterpriseId?: string;
  schoolId?: string;
  programme?: string;
  asOf?: string;
  q?: string;
  suspended?: 'true' | 'false';
}

export class ListWorkQuery {
  constructor(
    readonly list: WorkListName,
    readonly params: WorkListParams,
    readonly actor: Actor,
  ) {}
}

/**
 * Every work list (API.md "Work lists", ADR 0017), from the read models:
 * an applicant's list is narrowed to its own enterprise or school (403 when
 * it asks for another); dates default to today in the ledger's time zone.
 */
@QueryHandler(ListWorkQuery)
export class ListWorkQueryHandler implements IQueryHandler<ListWorkQuery> {
  constructor(
    private readonly queries: LedgerQueries,
    private readonly clock: LedgerClock,
  ) {}

  async execute({ list, params: p, actor }: ListWorkQuery): Promise<WorkListPage<object>> {
    await this.queries.fresh(p.minPosition);
    const lists = this.queries.readModels.workLists;
    const paging = { cursor: p.cursor, limit: p.limit };
    const asOf = p.asOf ?? this.clock.today();
    switch (list) {
      case 'enterprises':
        return lists.enterprises({
          ...paging,
          q: p.q,
          suspended: p.suspended === undefined ? undefined : p.suspended === 'true',
        });
      case 'seat-applications':
        return lists.seatApplications({
          ...paging,
          status: p.status,
          enterpriseId: ownEnterprise(actor, p.enterpriseId),
        });
      case 'site-applications':
        return lists.siteApplications({
          ...paging,
          status: p.status,
          enterpriseId: ownEnterprise(actor, p.enterpriseId),
        });
      case 'internship-applications':
        return lists.internshipApplications({
          ...paging,
          status: p.status,
          schoolId: ownSchool(actor, p.schoolId),
        });
      case 'tranches':
        return lists.tranches({
          ...paging,
          status: p.status as TrancheListStatus | undefined,
          programme: p.programme as Programme | undefined,
          enterpriseId: p.enterpriseId,
          schoolId: p.schoolId,
          asOf,
        });
      case 'publicity':
        return lists.publicity({ ...paging, status: p.status as 'open' | 'ended', asOf });
      case 'cases': {
        const page = await lists.cases({
          ...paging,
          status: p.status as 'open' | 'closed' | undefined,
          enterpriseId: p.enterpriseId,
          schoolId: p.schoolId,
        });
        // Free text a supervisor typed may hold an ID number.
        return {
          items: page.items.map((c) => ({ ...c, reason: maskIdNumbersInText(c.reason) })),
          nextCursor: page.nextCursor,
        };
      }
    }
  }
}

/** An applicant's enterprise, which it may name or leave out; other roles filter as they ask. */
function ownEnterprise(actor: Actor, asked: string | undefined): string | undefined {
  if (actor.role !== 'applicant') return asked;
  assertOwnEnterprise(actor, asked ?? actor.enterpriseId ?? '');
  return actor.enterpriseId;
}

function ownSchool(actor: Actor, asked: string | undefined): string | undefined {
  if (actor.role !== 'applicant') return asked;
  assertOwnSchool(actor, asked ?? actor.schoolId ?? '');
  return actor.schoolId;
}
