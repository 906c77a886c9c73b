import { ApiProperty } from '@nestjs/swagger';
import {
  ApiBusinessDate,
  ApiCreditCode,
  ApiMonths,
  ApiResidentId,
} from '../../platform/openapi/api-fields.decorators';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
import { MONTHS_MAX, NAME_MAX, REF_MAX } from '../../ledger-core/dto-limits';
import {
  IsBusinessDate,
  IsCreditCode,
  IsMonthString,
  IsResidentId,
} from '../../ledger-core/ledger-validators';

/** Interns in one application (R-INT requests): a request never grows without bound. */
export const INTERNS_MAX = 20_000;

export class RegisterSchoolDto {
  @ApiCreditCode({ description: "The school's unified social credit code" })
  @IsCreditCode()
  schoolId!: string;

  @ApiProperty({ example: '大同职业技术学院' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  name!: string;

  @ApiBusinessDate({ required: false, description: 'Business date; defaults to today' })
  @IsOptional()
  @IsBusinessDate()
  registeredOn?: string;
}

export class InternDto {
  @ApiResidentId({ description: 'Resident ID number (GB 11643)' })
  @IsResidentId()
  personId!: string;

  @ApiProperty({ example: '王五' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  name!: string;

  @ApiProperty({ enum: ['secondary', 'higher'] })
  @IsIn(['secondary', 'higher'])
  level!: 'secondary' | 'higher';

  @ApiCreditCode({ description: 'The enterprise the intern was sent to' })
  @IsCreditCode()
  enterpriseId!: string;

  @ApiMonths({ example: ['2023-07', '2023-08'] })
  @IsArray()
  @ArrayMaxSize(MONTHS_MAX)
  @IsMonthString()
  employedMonths!: string[];
}

export class SubmitInternshipApplicationDto {
  @ApiCreditCode({ description: "The school's unified social credit code" })
  @IsCreditCode()
  schoolId!: string;

  @ApiProperty({ example: 2023 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiBusinessDate({ example: '2024-03-01' })
  @IsBusinessDate()
  submittedOn!: string;

  @ApiProperty({
    description: 'The school–enterprise agreement (产教融合协议)',
    example: '产教融合协议 2023-07',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REF_MAX)
  agreementRef!: string;

  @ApiProperty({
    description: 'The joint training base (实训基地)',
    example: '大数据实训基地 1 号',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REF_MAX)
  trainingBaseRef!: string;

  @ApiProperty({ type: [InternDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(INTERNS_MAX)
  @ValidateNested({ each: true })
  @Type(() => InternDto)
  interns!: InternDto[];
}

export class ApproveInternshipTrancheDto {
  @ApiBusinessDate({ example: '2024-03-15' })
  @IsBusinessDate()
  decidedOn!: string;
}
