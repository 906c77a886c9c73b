import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { toInteger } from '../../ledger-core/to-integer.transform';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { BUDGET_PROGRAMMES, BudgetProgramme } from '@ledger/domain';
import { MinPositionDto } from '../../ledger-core/query.dto';
import { ApiCreditCode, ApiFen, ApiMonth } from '../../platform/openapi/api-fields.decorators';

export class FiscalYearQueryDto extends MinPositionDto {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100, example: 2023 })
  @Transform(toInteger)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear!: number;
}

export class ExecutionMonthDto {
  @ApiMonth()
  month!: string;

  @ApiFen({
    description: 'Committed by approvals decided in the month (net of what went back), integer fen',
  })
  committedFen!: number;

  @ApiFen({ description: 'Paid in the month, integer fen' })
  paidFen!: number;
}

export class ProgrammeExecutionDto {
  @ApiProperty({ enum: BUDGET_PROGRAMMES, example: 'seat' })
  programme!: BudgetProgramme;

  @ApiFen()
  appropriatedFen!: number;

  @ApiFen()
  committedFen!: number;

  @ApiFen()
  paidFen!: number;

  @ApiFen({
    description:
      'Payments of earlier fiscal years the bank sent back (退票) in this one (以前年度支出收回), not taken off paidFen, integer fen',
  })
  earlierYearsReturnedFen!: number;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: 4_250,
    description:
      'Paid / appropriated in basis points (1/100 %), rounded down; null with nothing appropriated',
  })
  executionRateBasisPoints!: number | null;

  @ApiProperty({ type: [ExecutionMonthDto] })
  months!: ExecutionMonthDto[];
}

export class BudgetExecutionDto {
  @ApiProperty({ type: 'integer', example: 2023 })
  fiscalYear!: number;

  @ApiProperty({ type: [ProgrammeExecutionDto] })
  programmes!: ProgrammeExecutionDto[];
}

export const PROGRAMME_YEAR_FORMATS = ['json', 'xlsx'] as const;
export type ProgrammeYearFormat = (typeof PROGRAMME_YEAR_FORMATS)[number];

export class ProgrammeYearQueryDto extends FiscalYearQueryDto {
  @ApiProperty({ enum: PROGRAMME_YEAR_FORMATS, required: false, default: 'json' })
  @IsOptional()
  @IsIn(PROGRAMME_YEAR_FORMATS)
  format?: ProgrammeYearFormat;
}

/**
 * Year attribution: approved by the tranche's decision date (less
 * withdrawals, by theirs), paid by the payment date, returned (退票) by the
 * return date, due back by the finding's date, recovered by the date
 * received, remitted (缴库) by the remittance date.
 */
export class ProgrammeYearFiguresDto {
  @ApiFen({
    description: 'Approved in the year by decision date, less withdrawals (by their dates)',
  })
  approvedFen!: number;

  @ApiFen({ description: 'Paid in the year by payment date (returns are not netted off here)' })
  paidFen!: number;

  @ApiFen({ description: 'Payments the bank returned (退票) in the year, by return date' })
  returnedFen!: number;

  @ApiFen({ description: 'Made due back by findings (R-FRAUD) in the year, by finding date' })
  dueBackFen!: number;

  @ApiFen({ description: 'Recovered in the year, by the date received' })
  recoveredFen!: number;

  @ApiFen({
    description:
      'Remitted to the treasury (缴库) by remittances dated in the year. A remittance names no recovery, so per programme and party it is allocated to the recoveries of its fiscal year oldest first; the totals are exact',
  })
  remittedFen!: number;
}

export class ProgrammeYearProgrammeDto extends ProgrammeYearFiguresDto {
  @ApiProperty({ enum: BUDGET_PROGRAMMES, example: 'seat' })
  programme!: BudgetProgramme;
}

export class ProgrammeYearPartyDto extends ProgrammeYearFiguresDto {
  @ApiProperty({ enum: ['enterprise', 'school'], example: 'enterprise' })
  partyKind!: 'enterprise' | 'school';

  @ApiCreditCode({
    description: "The enterprise's or school's id (its unified social credit code)",
  })
  partyId!: string;

  @ApiProperty({ type: 'string', nullable: true, example: '大同呼叫有限公司' })
  name!: string | null;

  @ApiCreditCode({
    nullable: true,
    description: "An enterprise's unified social credit code; null for a school",
  })
  creditCode!: string | null;

  @ApiProperty({ enum: BUDGET_PROGRAMMES, example: 'seat' })
  programme!: BudgetProgramme;
}

export class ProgrammeYearReportDto {
  @ApiProperty({ type: 'integer', example: 2023 })
  fiscalYear!: number;

  @ApiProperty({ required: false, example: '2024-01-05T08:00:00.000Z' })
  generatedAt?: string;

  @ApiProperty({ type: [ProgrammeYearProgrammeDto] })
  programmes!: ProgrammeYearProgrammeDto[];

  @ApiProperty({ type: [ProgrammeYearPartyDto] })
  parties!: ProgrammeYearPartyDto[];

  @ApiProperty({ type: ProgrammeYearFiguresDto })
  totals!: ProgrammeYearFiguresDto;
}
