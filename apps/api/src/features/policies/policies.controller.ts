import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PoliciesDto } from './policies.responses.dto';
import { LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { BEARER_AUTH_NAME } from '../../platform/auth/auth.decorators';
import { PoliciesQueryDto } from './policies.dto';
import { ListPoliciesQuery } from './list-policies.query-handler';

/** R-POL: the versioned policy, for anyone with a valid token. */
@ApiTags('Policy')
@Controller('v1/policies')
export class PoliciesController {
  constructor(private readonly queries: QueryBus) {}

  /** No `@Roles`: any authenticated role (the guard still requires a valid token). */
  @Get()
  @ApiBearerAuth(BEARER_AUTH_NAME)
  @LedgerQuery({
    summary:
      'The policy versions (id, effectiveFrom, validFrom, validTo, every parameter), oldest first; ?inForceOn=YYYY-MM-DD for the one in force that day (422 R-POL when none is)',
    response: PoliciesDto,
    errors: [401, 422],
  })
  list(@Query() q: PoliciesQueryDto) {
    return this.queries.execute(new ListPoliciesQuery(q.inForceOn));
  }
}
