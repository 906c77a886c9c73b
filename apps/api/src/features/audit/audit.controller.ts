import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AuditEventDto } from './audit.responses.dto';
import { LedgerQuery, OneOf, PageOf } from '../../platform/openapi/ledger-operation.decorators';
import { Roles } from '../../platform/auth/auth.decorators';
import { AUDIT_EVENTS_LIMIT_DEFAULT, AuditEventsQueryDto } from './audit.dto';
import {
  AUDIT_WORK_LIST_PARAMS,
  GetAuditEventsQuery,
  ListAuditEventsQuery,
} from './get-audit-events.query-handler';

@ApiTags('Audit')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get('events')
  @Roles('auditor', 'supervisor')
  @LedgerQuery({
    summary:
      'Every event in global order, with its hash; ID numbers masked; ' +
      'filter by stream, enterprise, type and recorded time (from an index, ADR 0017)',
    description:
      'Two forms (ADR 0017). **Log form** — only `?after=<last position>&limit=N` (or nothing): ' +
      'a plain array of events, as external systems have always read it. **Work-list form** — ' +
      'any of `cursor`, `stream`, `enterpriseId`, `type`, `fromRecorded`, `toRecorded`: a page ' +
      '`{items, nextCursor}` like every work list (`limit` 1–500, default 50; `nextCursor` ' +
      'null on the last page; `after` only on the first page).',
    response: OneOf([AuditEventDto], PageOf(AuditEventDto)),
    responseDescription: 'An array of events (log form), or `{items, nextCursor}` (work-list form)',
  })
  events(@Query() q: AuditEventsQueryDto) {
    const filters = {
      stream: q.stream,
      enterpriseId: q.enterpriseId,
      type: q.type,
      fromRecorded: q.fromRecorded,
      toRecorded: q.toRecorded,
    };
    if (AUDIT_WORK_LIST_PARAMS.some((name) => q[name] !== undefined)) {
      return this.queries.execute(
        new ListAuditEventsQuery(filters, { cursor: q.cursor, limit: q.limit, after: q.after }),
      );
    }
    return this.queries.execute(
      new GetAuditEventsQuery(q.after ?? 0, q.limit ?? AUDIT_EVENTS_LIMIT_DEFAULT),
    );
  }
}
