import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AuditEventDto } from './audit.responses.dto';
import { LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { Roles } from '../../platform/auth/auth.decorators';
import { AUDIT_EVENTS_LIMIT_DEFAULT, AuditEventsQueryDto } from './audit.dto';
import { GetAuditEventsQuery } from './get-audit-events.query-handler';

@ApiTags('Audit')
@Controller('v1/audit')
export class AuditController {
  constructor(private readonly queries: QueryBus) {}

  @Get('events')
  @Roles('auditor', 'supervisor')
  @LedgerQuery({
    summary:
      'Every event in global order, with its hash; ID numbers masked. Page with ?after=<last position>; ' +
      'filter by stream, enterprise, type and recorded time (from an index, ADR 0017)',
    response: [AuditEventDto],
  })
  events(@Query() q: AuditEventsQueryDto) {
    return this.queries.execute(
      new GetAuditEventsQuery(q.after ?? 0, q.limit ?? AUDIT_EVENTS_LIMIT_DEFAULT, {
        stream: q.stream,
        enterpriseId: q.enterpriseId,
        type: q.type,
        fromRecorded: q.fromRecorded,
        toRecorded: q.toRecorded,
      }),
    );
  }
}
