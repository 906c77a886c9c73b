import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../../platform/auth/auth.decorators';
import type { Actor } from '../../platform/auth/actor';
import { LedgerQuery } from '../../platform/openapi';
import {
  CaseListPageDto,
  EnterpriseListPageDto,
  InternshipApplicationListPageDto,
  PublicityListPageDto,
  SeatApplicationListPageDto,
  SiteApplicationListPageDto,
  TrancheListPageDto,
} from './work-list-items.dto';
import {
  CaseListQueryDto,
  EnterpriseListQueryDto,
  InternshipApplicationListQueryDto,
  PublicityListQueryDto,
  SeatApplicationListQueryDto,
  SiteApplicationListQueryDto,
  TrancheListQueryDto,
} from './work-list-queries.dto';
import { ListWorkQuery, WorkListName, WorkListParams } from './list-work.query-handler';

const PAGING =
  'Cursor-paginated (`?limit=` 1–500, default 50; `?cursor=` the last `nextCursor`), ' +
  'in a stable order, from the read models (ADR 0017).';

/** The work lists of API.md "Work lists": one route per list, each over its read model. */
@ApiTags('Work lists')
@Controller('v1')
export class WorkListsController {
  constructor(private readonly queries: QueryBus) {}

  private list(list: WorkListName, params: WorkListParams, actor: Actor) {
    return this.queries.execute(new ListWorkQuery(list, params, actor));
  }

  @Get('enterprises')
  @Roles('reviewer', 'finance', 'supervisor', 'auditor')
  @LedgerQuery({
    summary: 'Enterprises, by registration; search by name or credit code, filter by suspension',
    description: PAGING,
    response: EnterpriseListPageDto,
  })
  enterprises(@Query() q: EnterpriseListQueryDto, @CurrentActor() actor: Actor) {
    return this.list('enterprises', q, actor);
  }

  @Get('seat-applications')
  @Roles('applicant', 'reviewer', 'finance', 'supervisor', 'auditor')
  @LedgerQuery({
    summary: 'Seat applications, by submission; an applicant sees its own enterprise only',
    description: PAGING,
    response: SeatApplicationListPageDto,
  })
  seatApplications(@Query() q: SeatApplicationListQueryDto, @CurrentActor() actor: Actor) {
    return this.list('seat-applications', q, actor);
  }

  @Get('site-applications')
  @Roles('applicant', 'reviewer', 'finance', 'supervisor', 'auditor')
  @LedgerQuery({
    summary: 'Site applications, by submission; an applicant sees its own enterprise only',
    description: PAGING,
    response: SiteApplicationListPageDto,
  })
  siteApplications(@Query() q: SiteApplicationListQueryDto, @CurrentActor() actor: Actor) {
    return this.list('site-applications', q, actor);
  }

  @Get('internship-applications')
  @Roles('applicant', 'reviewer', 'finance', 'supervisor', 'auditor')
  @LedgerQuery({
    summary: 'Internship applications, by submission; an applicant sees its own school only',
    description: PAGING,
    response: InternshipApplicationListPageDto,
  })
  internshipApplications(
    @Query() q: InternshipApplicationListQueryDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.list('internship-applications', q, actor);
  }

  @Get('tranches')
  @Roles('reviewer', 'finance', 'supervisor', 'auditor')
  @LedgerQuery({
    summary:
      'Tranches of every programme by status (`payable`: notice over as of `asOf`, not paid), ' +
      'programme, enterprise or school',
    description: `${PAGING} By approval; \`in-publicity\` and \`payable\` by the notice's last day.`,
    response: TrancheListPageDto,
  })
  tranches(@Query() q: TrancheListQueryDto, @CurrentActor() actor: Actor) {
    return this.list('tranches', q, actor);
  }

  @Get('publicity')
  @Roles('reviewer', 'finance', 'supervisor', 'auditor')
  @LedgerQuery({
    summary: 'Publicity notices (R-PUB), open or ended as of `asOf`',
    description: `${PAGING} By the notice's last day.`,
    response: PublicityListPageDto,
  })
  publicity(@Query() q: PublicityListQueryDto, @CurrentActor() actor: Actor) {
    return this.list('publicity', q, actor);
  }

  @Get('cases')
  @Roles('supervisor', 'finance', 'auditor')
  @LedgerQuery({
    summary: 'Fraud cases (R-FRAUD), open or closed, of an enterprise or a school',
    description: PAGING,
    response: CaseListPageDto,
  })
  cases(@Query() q: CaseListQueryDto, @CurrentActor() actor: Actor) {
    return this.list('cases', q, actor);
  }
}
