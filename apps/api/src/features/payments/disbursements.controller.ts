import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { DisbursementViewDto } from './payments.responses.dto';
import { LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { Roles } from '../../platform/auth/auth.decorators';
import { MinPositionDto } from '../../ledger-core/query.dto';
import { GetDisbursementQuery } from './get-disbursement.query-handler';

@ApiTags('Fraud cases and clawbacks')
@Controller('v1/disbursements')
export class DisbursementsController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  @Roles('finance', 'supervisor', 'auditor')
  @LedgerQuery({
    summary: 'A payment, with `reversedBy`: the cases that made it due back',
    response: DisbursementViewDto,
    errors: [404],
  })
  get(@Param('id') disbursementId: string, @Query() q: MinPositionDto) {
    return this.queries.execute(new GetDisbursementQuery(disbursementId, q.minPosition));
  }
}
