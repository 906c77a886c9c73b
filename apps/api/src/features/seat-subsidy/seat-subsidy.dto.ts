import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ApiBusinessDate,
  ApiCreditCode,
  ApiFen,
  ApiMonths,
} from '../../platform/openapi/api-fields.decorators';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  MONTHS_MAX,
  NAME_MAX,
  REF_MAX,
  SPENDING_FEN_MAX,
  TEXT_MAX,
} from '../../ledger-core/dto-limits';
import {
  IsBusinessDate,
  IsCreditCode,
  IsFen,
  IsMonthString,
} from '../../ledger-core/ledger-validators';
import { PersonMonthsDto } from '../../ledger-core/person-months.dto';
import {
  acceptBodyFast,
  businessDateField,
  integerField,
} from '../../platform/http/fast-body-accept';

/** Claims in one request: a request can never grow without bound. */
export const CLAIMS_MAX = 20_000;

export class RegisterEnterpriseDto {
  @ApiCreditCode({
    example: '91140200MA0K000000',
    description: 'Unified social credit code (GB 32100)',
  })
  @IsCreditCode()
  creditCode!: string;

  @ApiProperty({ example: '大同云呼叫有限公司' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  name!: string;

  @ApiProperty({ enum: ['call', 'annotation'] })
  @IsIn(['call', 'annotation'])
  industry!: 'call' | 'annotation';

  @ApiProperty({ example: 300 })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  seats!: number;

  @ApiBusinessDate({
    required: false,
    description: 'Business date of registration; defaults to today',
  })
  @IsOptional()
  @IsBusinessDate()
  registeredOn?: string;
}

/** One person of the application (the shared constraints: `PersonMonthsDto`). */
export class ClaimDto extends PersonMonthsDto {}

export class SubmitSeatApplicationDto {
  @ApiCreditCode()
  @IsCreditCode()
  enterpriseId!: string;

  @ApiBusinessDate({ example: '2023-03-01' })
  @IsBusinessDate()
  submittedOn!: string;

  @ApiProperty({ type: [ClaimDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CLAIMS_MAX)
  @ValidateNested({ each: true })
  @Type(() => ClaimDto)
  claims!: ClaimDto[];
}

export class EvidenceClaimDto {
  @ApiProperty({ example: '3f2c1a4e-8d6b-4c2a-9e1f-5b7d0a6c4e21.c1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  claimId!: string;

  @ApiMonths()
  @IsArray()
  @ArrayMaxSize(MONTHS_MAX)
  @IsMonthString()
  wageMonths!: string[];

  @ApiMonths()
  @IsArray()
  @ArrayMaxSize(MONTHS_MAX)
  @IsMonthString()
  insuranceMonths!: string[];
}

export class FileEvidenceDto {
  @ApiBusinessDate({ example: '2023-09-01' })
  @IsBusinessDate()
  filedOn!: string;

  @ApiProperty({ type: [EvidenceClaimDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CLAIMS_MAX)
  @ValidateNested({ each: true })
  @Type(() => EvidenceClaimDto)
  claims!: EvidenceClaimDto[];
}

export class ReviewDecisionDto {
  @ApiProperty({ example: '3f2c1a4e-8d6b-4c2a-9e1f-5b7d0a6c4e21.c1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  claimId!: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  approve!: boolean;

  @ApiPropertyOptional({
    description: 'Required when approve is false',
    example: 'no insurance record for 2023-02',
  })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  reason?: string;
}

export class ReviewApplicationDto {
  @ApiBusinessDate({ example: '2023-03-10' })
  @IsBusinessDate()
  decidedOn!: string;

  @ApiProperty({ type: [ReviewDecisionDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CLAIMS_MAX)
  @ValidateNested({ each: true })
  @Type(() => ReviewDecisionDto)
  decisions!: ReviewDecisionDto[];
}

export class ApproveTrancheDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4, example: 1 })
  @IsInt()
  @Min(1)
  @Max(4)
  tranche!: number;

  @ApiBusinessDate({ example: '2023-03-15' })
  @IsBusinessDate()
  decidedOn!: string;
}

// A tranche approval is one of the two commands of issue #16 goal 2.
acceptBodyFast(ApproveTrancheDto, { tranche: integerField(1, 4), decidedOn: businessDateField });

export class ReportFundUseDto {
  @ApiBusinessDate({ example: '2024-01-31' })
  @IsBusinessDate()
  reportedOn!: string;

  /** Both spending fields: at most SPENDING_FEN_MAX (dto-limits.ts) in one report. */
  @ApiFen({
    description: 'Spent on staff education (integer fen, at most 10^12)',
    example: 120000,
    maximum: SPENDING_FEN_MAX,
  })
  @IsFen()
  @Max(SPENDING_FEN_MAX)
  educationFen!: number;

  @ApiFen({
    description: 'Spent on anything else (integer fen, at most 10^12)',
    example: 380000,
    maximum: SPENDING_FEN_MAX,
  })
  @IsFen()
  @Max(SPENDING_FEN_MAX)
  otherFen!: number;
}

/** R-SEAT-8: the seats an inspection found; from `verifiedOn` they replace the declared count. */
export class VerifySeatCountDto {
  @ApiBusinessDate({ example: '2023-06-01', description: 'Business date of the inspection' })
  @IsBusinessDate()
  verifiedOn!: string;

  @ApiProperty({ example: 180, description: 'Seats found (a whole number, 0 or more)' })
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  seats!: number;

  @ApiProperty({ example: '大同数字政府核查〔2023〕17号', description: 'The inspection report' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REF_MAX)
  inspectionRef!: string;
}
