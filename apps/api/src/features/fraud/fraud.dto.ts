import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ApiBusinessDate,
  ApiCreditCode,
  ApiFen,
} from '../../platform/openapi/api-fields.decorators';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
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
} from 'class-validator';
import { TEXT_MAX, TRANSFER_FEN_MAX } from '../../ledger-core/dto-limits';
import { IsBusinessDate, IsCreditCode, IsFen } from '../../ledger-core/ledger-validators';
import { AsOfQueryDto } from '../../ledger-core/query.dto';
import { MinPositionQueryDto } from '../../platform/http/min-position';

/** Limits on every list and string (R-FRAUD requests). */
export const FALSE_CLAIMS_MAX = 1_000;
const ID_MAX = 200;
const PAGE_MAX = 1_000;

/** `'12'` → 12 from a query string; anything else is left for the validators to refuse. */
const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;

export class OpenCaseDto {
  @ApiCreditCode({
    required: false,
    description: 'The enterprise (unified social credit code); give this or `schoolId`',
  })
  @IsOptional()
  @IsCreditCode()
  enterpriseId?: string;

  @ApiCreditCode({
    required: false,
    description: 'The school (unified social credit code); give this or `enterpriseId` (R-FRAUD)',
  })
  @IsOptional()
  @IsCreditCode()
  schoolId?: string;

  @ApiBusinessDate({ example: '2024-03-01' })
  @IsBusinessDate()
  openedOn!: string;

  @ApiProperty({ example: 'spot check: two seats never staffed' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  reason!: string;

  @ApiProperty({
    example: true,
    description:
      'Suspend the enterprise or school now: no tranche approval or payment in any programme (423). ' +
      'A finding suspends it anyway, until everything due back is recovered',
  })
  @IsBoolean()
  suspend!: boolean;
}

export class RecordFindingDto {
  @ApiBusinessDate({ example: '2024-03-10' })
  @IsBusinessDate()
  foundOn!: string;

  @ApiPropertyOptional({
    type: [String],
    example: ['3f2c1a4e-8d6b-4c2a-9e1f-5b7d0a6c4e21.c1'],
    description:
      'Seat claims found false (`{applicationId}.c{n}`), all of the case enterprise. ' +
      'A finding names at least one claim or tranche',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(FALSE_CLAIMS_MAX)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(ID_MAX, { each: true })
  falseClaimIds?: string[];

  @ApiPropertyOptional({
    type: [String],
    example: ['5d0c7a2e-1b3f-4e8a-9c6d-2f4b8e1a7c30.y1'],
    description:
      'Site (`{siteId}.y{k}`, `{siteId}.r`) and internship (`{applicationId}.i1`) tranches found ' +
      'false as a whole, of the case enterprise or school: paid, due back; unpaid, cancelled',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(FALSE_CLAIMS_MAX)
  @ArrayUnique()
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(ID_MAX, { each: true })
  falseTrancheIds?: string[];

  @ApiProperty({ example: 'wage statements forged; no insurance record' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  note!: string;
}

export class RecordRecoveryDto {
  @ApiBusinessDate({ example: '2024-04-15' })
  @IsBusinessDate()
  receivedOn!: string;

  /** At most one transfer back (TRANSFER_FEN_MAX, dto-limits.ts); never more than is outstanding. */
  @ApiFen({
    description: 'Integer fen, more than 0 and at most 10^12',
    example: 100000,
    maximum: TRANSFER_FEN_MAX,
  })
  @IsFen()
  @Min(1)
  @Max(TRANSFER_FEN_MAX)
  amountFen!: number;

  @ApiProperty({ example: 'ICBC-R-2024-0001' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(ID_MAX)
  bankRef!: string;
}

export class CloseCaseDto {
  @ApiBusinessDate({ example: '2024-06-10' })
  @IsBusinessDate()
  closedOn!: string;

  @ApiProperty({ enum: ['upheld', 'dismissed'] })
  @IsIn(['upheld', 'dismissed'])
  outcome!: 'upheld' | 'dismissed';

  @ApiProperty({ example: 'both claims false; fully repaid' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  note!: string;
}

export class AgeingListQueryDto extends AsOfQueryDto {
  @ApiPropertyOptional({
    enum: ['enterprise', 'school'],
    default: 'enterprise',
    description: 'List enterprises (seat and site clawbacks) or schools (internship clawbacks)',
  })
  @IsOptional()
  @IsIn(['enterprise', 'school'])
  party?: 'enterprise' | 'school';

  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_MAX, default: 100 })
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({
    description: 'Only enterprises (or schools) after this id (the last of the page before)',
  })
  @IsOptional()
  @IsCreditCode()
  after?: string;
}

export class DuplicateClaimsQueryDto extends MinPositionQueryDto {
  @ApiCreditCode({ required: false, description: 'Only the claims this enterprise made' })
  @IsOptional()
  @IsCreditCode()
  enterpriseId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: PAGE_MAX, default: 100 })
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(PAGE_MAX)
  limit?: number;

  @ApiPropertyOptional({ description: 'Only rows after this position (`next` of the page before)' })
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;
}
