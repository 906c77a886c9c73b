import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../platform/auth/auth.decorators';
import { DuplicateClaimsQueryDto } from './fraud.dto';
import { ListDuplicateClaimsQuery } from './list-duplicate-claims.query-handler';

@ApiTags('Fraud cases and clawbacks')
@Controller('v1/duplicate-claims')
export class DuplicateClaimsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('supervisor', 'auditor')
  @ApiOperation({
    summary:
      'Claims R-SEAT-6 refused (who, masked; which enterprises; which months): leads for cases',
  })
  list(@Query() q: DuplicateClaimsQueryDto) {
    return this.queries.execute(
      new ListDuplicateClaimsQuery(q.enterpriseId, q.limit, q.after, q.minPosition),
    );
  }
}
