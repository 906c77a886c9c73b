import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { toInteger } from '../../ledger-core/to-integer.transform';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, MaxLength, Min, NotEquals } from 'class-validator';
import { BUDGET_PROGRAMMES, BudgetProgramme } from '@ledger/domain';
import { REF_MAX, TEXT_MAX } from '../../ledger-core/dto-limits';
import { IsBusinessDate, IsFen } from '../../ledger-core/ledger-validators';
import { MinPositionDto } from '../../ledger-core/query.dto';
import {
  ApiBusinessDate,
  ApiFen,
  ApiPosition,
  ApiSignedFen,
} from '../../platform/openapi/api-fields.decorators';

/**
 * An appropriation (or one adjustment of it): at most 10^13 fen (100 billion
 * yuan), the largest amount any request takes (dto-limits.ts), far beyond any
 * city's programme budget, so every sum of them stays exact.
 */
export const BUDGET_FEN_MAX = 10_000_000_000_000;
const FISCAL_YEAR_MIN = 2000;
const FISCAL_YEAR_MAX = 2100;
const EXAMPLE_BUDGET_ID = 'seat-2023';

class FiscalYearField {
  @ApiProperty({
    type: 'integer',
    minimum: FISCAL_YEAR_MIN,
    maximum: FISCAL_YEAR_MAX,
    example: 2023,
  })
  @Transform(toInteger)
  @IsInt()
  @Min(FISCAL_YEAR_MIN)
  @Max(FISCAL_YEAR_MAX)
  fiscalYear!: number;
}

export class CreateBudgetDto extends FiscalYearField {
  @ApiProperty({ enum: BUDGET_PROGRAMMES, example: 'seat' })
  @IsIn(BUDGET_PROGRAMMES)
  programme!: BudgetProgramme;

  @ApiFen({
    maximum: BUDGET_FEN_MAX,
    example: 500_000_000,
    description: 'Appropriated, integer fen',
  })
  @IsFen()
  @Max(BUDGET_FEN_MAX)
  amountFen!: number;

  @ApiProperty({ example: '同财社〔2023〕12号', description: 'The budget document (预算指标文号)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REF_MAX)
  documentRef!: string;
}

export class AdjustBudgetDto {
  @ApiBusinessDate()
  @IsBusinessDate()
  decidedOn!: string;

  @ApiSignedFen({
    minimum: -BUDGET_FEN_MAX,
    maximum: BUDGET_FEN_MAX,
    example: -20_000_000,
    description: 'Signed integer fen: positive adds to the appropriation, negative cuts it',
  })
  @IsInt()
  @NotEquals(0)
  @Min(-BUDGET_FEN_MAX)
  @Max(BUDGET_FEN_MAX)
  amountFen!: number;

  @ApiProperty({ example: '同财社〔2023〕47号' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REF_MAX)
  documentRef!: string;

  @ApiProperty({ example: '年中预算调整' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  reason!: string;
}

export class BudgetsQueryDto extends MinPositionDto {
  @ApiProperty({
    type: 'integer',
    minimum: FISCAL_YEAR_MIN,
    maximum: FISCAL_YEAR_MAX,
    example: 2023,
  })
  @Transform(toInteger)
  @IsInt()
  @Min(FISCAL_YEAR_MIN)
  @Max(FISCAL_YEAR_MAX)
  fiscalYear!: number;
}

export class BudgetCreatedDto {
  @ApiProperty({ example: EXAMPLE_BUDGET_ID, description: '`{programme}-{fiscalYear}`' })
  budgetId!: string;

  @ApiPosition()
  position!: number;
}

export class BudgetAdjustedDto extends BudgetCreatedDto {
  @ApiProperty({ example: '3f2c1a4e-8d6b-4c2a-9e1f-5b7d0a6c4e21' })
  adjustmentId!: string;
}

export class BudgetItemDto {
  @ApiProperty({ example: EXAMPLE_BUDGET_ID })
  budgetId!: string;

  @ApiProperty({ enum: BUDGET_PROGRAMMES, example: 'seat' })
  programme!: BudgetProgramme;

  @ApiProperty({ type: 'integer', example: 2023 })
  fiscalYear!: number;

  @ApiFen({ description: 'Appropriated with every adjustment, integer fen' })
  appropriatedFen!: number;

  @ApiFen({ description: 'Committed by tranche approvals, integer fen' })
  committedFen!: number;

  @ApiFen({ description: 'Paid in the fiscal year in this programme, integer fen' })
  paidFen!: number;

  @ApiFen({
    description:
      "Payments of earlier fiscal years the bank sent back (退票) in this one (以前年度支出收回); they stay in their own year's paidFen, integer fen",
  })
  earlierYearsReturnedFen!: number;

  @ApiSignedFen({ description: 'Appropriated less committed, integer fen' })
  availableFen!: number;
}

export class BudgetListDto {
  @ApiProperty({ type: [BudgetItemDto] })
  items!: BudgetItemDto[];
}
