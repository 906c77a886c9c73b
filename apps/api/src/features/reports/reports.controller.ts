import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../../platform/auth/auth.decorators';
import { LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { GetBudgetExecutionQuery } from './get-budget-execution.query-handler';
import { BudgetExecutionDto, FiscalYearQueryDto } from './reports.dto';

/** Year reports of the bank cycle (issue #14). */
@ApiTags('Money to the bank and back')
@Controller('v1/reports')
export class ReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get('budget-execution')
  @Roles('finance', 'auditor', 'supervisor')
  @LedgerQuery({
    summary:
      'Budget execution (预算执行) of a fiscal year: per programme and month, appropriated, committed, paid, and the execution rate in basis points',
    response: BudgetExecutionDto,
  })
  budgetExecution(@Query() q: FiscalYearQueryDto): Promise<BudgetExecutionDto> {
    return this.queries.execute(new GetBudgetExecutionQuery(q.fiscalYear, q.minPosition));
  }
}
