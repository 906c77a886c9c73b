import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { LedgerQueries } from '../../ledger-core/ledger-queries';
import { ProgrammeYearReportDto } from './reports.dto';

export class GetProgrammeYearQuery {
  constructor(
    readonly fiscalYear: number,
    readonly generatedAt: string,
    readonly minPosition?: number,
  ) {}
}

/**
 * 项目年度报表: per programme, enterprise and school, from the
 * programme-year read model (one range of the year's index, not a scan of
 * the log).
 */
@QueryHandler(GetProgrammeYearQuery)
export class GetProgrammeYearQueryHandler implements IQueryHandler<
  GetProgrammeYearQuery,
  ProgrammeYearReportDto
> {
  constructor(private readonly queries: LedgerQueries) {}

  async execute(q: GetProgrammeYearQuery): Promise<ProgrammeYearReportDto> {
    await this.queries.fresh(q.minPosition);
    const report = await this.queries.readModels.programmeYear(q.fiscalYear);
    return {
      fiscalYear: report.fiscalYear,
      generatedAt: q.generatedAt,
      programmes: report.programmes,
      parties: report.parties,
      totals: report.totals,
    };
  }
}
