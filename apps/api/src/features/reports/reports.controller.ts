import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply as Response } from 'fastify';
import { Roles } from '../../platform/auth/auth.decorators';
import { LedgerQuery } from '../../platform/openapi/ledger-operation.decorators';
import { GetBudgetExecutionQuery } from './get-budget-execution.query-handler';
import { GetProgrammeYearQuery } from './get-programme-year.query-handler';
import { programmeYearWorkbook, XLSX_CONTENT_TYPE } from './programme-year.workbook';
import {
  BudgetExecutionDto,
  FiscalYearQueryDto,
  ProgrammeYearQueryDto,
  ProgrammeYearReportDto,
} from './reports.dto';

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

  @Get('programme-year')
  @Roles('finance', 'auditor', 'supervisor')
  @ApiProduces('application/json', XLSX_CONTENT_TYPE)
  @LedgerQuery({
    summary:
      'The programme-year report (项目年度报表): per programme, enterprise and school, approved, paid, returned, due back, recovered and remitted in the fiscal year; format=xlsx gives the same figures as an .xlsx workbook (attachment), in yuan',
    response: ProgrammeYearReportDto,
    responseDescription:
      'JSON by default; with format=xlsx an .xlsx workbook (sheets 项目汇总, 企业, 学校) as an attachment',
  })
  async programmeYear(
    @Query() q: ProgrammeYearQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProgrammeYearReportDto | StreamableFile> {
    const report = await this.queries.execute<GetProgrammeYearQuery, ProgrammeYearReportDto>(
      new GetProgrammeYearQuery(q.fiscalYear, new Date().toISOString(), q.minPosition),
    );
    if (q.format !== 'xlsx') return report;
    const body = await programmeYearWorkbook(report);
    res.header('Content-Disposition', `attachment; filename="programme-year-${q.fiscalYear}.xlsx"`);
    return new StreamableFile(body, { type: XLSX_CONTENT_TYPE, length: body.length });
  }
}
