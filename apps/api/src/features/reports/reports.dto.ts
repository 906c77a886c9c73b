import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { toInteger } from '../../ledger-core/to-integer.transform';
import { IsInt, Max, Min } from 'class-validator';
import { BUDGET_PROGRAMMES, BudgetProgramme } from '@ledger/domain';
import { MinPositionDto } from '../../ledger-core/query.dto';
import { ApiFen, ApiMonth } from '../../platform/openapi/api-fields.decorators';

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
