import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DuplicateClaimsPageDto } from './fraud.responses.dto';
import { LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { Roles } from '../../platform/auth/auth.decorators';
import { DuplicateClaimsQueryDto } from './fraud.dto';
import { ListDuplicateClaimsQuery } from './list-duplicate-claims.query-handler';

@ApiTags('Fraud cases and clawbacks')
@Controller('v1/duplicate-claims')
export class DuplicateClaimsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('supervisor', 'auditor')
  @LedgerQuery({
    summary:
      'Claims R-SEAT-6 refused (who, masked; which enterprises; which months): leads for cases',
    response: DuplicateClaimsPageDto,
  })
  list(@Query() q: DuplicateClaimsQueryDto) {
    return this.queries.execute(
      new ListDuplicateClaimsQuery(q.enterpriseId, q.limit, q.after, q.minPosition),
    );
  }
}
