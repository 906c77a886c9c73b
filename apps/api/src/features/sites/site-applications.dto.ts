import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ApiBusinessDate,
  ApiCreditCode,
  ApiFen,
} from '../../platform/openapi/api-fields.decorators';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';
import { INVESTMENT_FEN_MAX, REF_MAX } from '../../ledger-core/dto-limits';
import { IsBusinessDate, IsCreditCode, IsFen } from '../../ledger-core/ledger-validators';

const ADDRESS_MAX = 500;
/** 10,000,000 m²: far beyond any office, well inside an exact integer of dm². */
const AREA_M2_MAX = 10_000_000;

const SITE_KINDS = ['lease', 'renovation', 'purchase'] as const;
type SiteKindDto = (typeof SITE_KINDS)[number];

/** A field that belongs to one kind of site application only: given with another kind, it is a 400. */
function OnlyForKind(kind: SiteKindDto, options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'onlyForKind',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (_value: unknown, args: ValidationArguments) =>
          (args.object as { kind?: unknown }).kind === kind,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'field'} belongs to a ${kind} application`,
      },
    });
}

/** Square metres with at most two decimals (a property certificate's 0.01 m²). */
function IsAreaM2(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isAreaM2',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' &&
          Number.isFinite(value) &&
          value > 0 &&
          value <= AREA_M2_MAX &&
          Math.abs(value * 100 - Math.round(value * 100)) < 1e-6,
        defaultMessage: (args?: ValidationArguments) =>
          `${args?.property ?? 'areaM2'} must be a positive area in m² with at most two decimals, at most ${AREA_M2_MAX}`,
      },
    });
}

export class PremisesDto {
  @ApiProperty({ example: '大同市平城区御河西路 100 号 3 层' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(ADDRESS_MAX)
  address!: string;
}

export class LeaseDto {
  @ApiBusinessDate({ example: '2023-01-01' })
  @IsBusinessDate()
  startsOn!: string;

  @ApiBusinessDate({ example: '2027-12-31', description: "The lease's last day (inclusive)" })
  @IsBusinessDate()
  endsOn!: string;
}

export class SubmitSiteApplicationDto {
  @ApiCreditCode({ description: 'The enterprise (unified social credit code)' })
  @IsCreditCode()
  enterpriseId!: string;

  @ApiProperty({ enum: SITE_KINDS })
  @IsIn(SITE_KINDS)
  kind!: SiteKindDto;

  @ApiBusinessDate({ example: '2023-02-01' })
  @IsBusinessDate()
  submittedOn!: string;

  @ApiProperty({ type: PremisesDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PremisesDto)
  premises!: PremisesDto;

  @ApiPropertyOptional({ type: LeaseDto, description: 'lease only' })
  @ValidateIf((o: SubmitSiteApplicationDto) => o.kind === 'lease' || o.lease !== undefined)
  @OnlyForKind('lease')
  @IsObject()
  @ValidateNested()
  @Type(() => LeaseDto)
  lease?: LeaseDto;

  /** At most INVESTMENT_FEN_MAX (dto-limits.ts): far past what earns the renovation cap. */
  @ApiFen({
    required: false,
    description: 'renovation only: audited investment, integer fen, at most 10^13',
    maximum: INVESTMENT_FEN_MAX,
  })
  @ValidateIf(
    (o: SubmitSiteApplicationDto) => o.kind === 'renovation' || o.investmentFen !== undefined,
  )
  @OnlyForKind('renovation')
  @IsFen()
  @Max(INVESTMENT_FEN_MAX)
  investmentFen?: number;

  @ApiPropertyOptional({
    description: "renovation only: the third-party auditor's report",
    example: '晋审字〔2023〕第 0107 号',
  })
  @ValidateIf((o: SubmitSiteApplicationDto) => o.kind === 'renovation' || o.auditRef !== undefined)
  @OnlyForKind('renovation')
  @IsString()
  @IsNotEmpty()
  @MaxLength(REF_MAX)
  auditRef?: string;

  @ApiBusinessDate({ required: false, description: 'renovation only' })
  @ValidateIf(
    (o: SubmitSiteApplicationDto) => o.kind === 'renovation' || o.completedOn !== undefined,
  )
  @OnlyForKind('renovation')
  @IsBusinessDate()
  completedOn?: string;

  @ApiPropertyOptional({ description: 'purchase only: m², at most two decimals', example: 1234.56 })
  @ValidateIf((o: SubmitSiteApplicationDto) => o.kind === 'purchase' || o.areaM2 !== undefined)
  @OnlyForKind('purchase')
  @IsAreaM2()
  areaM2?: number;

  @ApiBusinessDate({ required: false, description: 'purchase only' })
  @ValidateIf((o: SubmitSiteApplicationDto) => o.kind === 'purchase' || o.purchasedOn !== undefined)
  @OnlyForKind('purchase')
  @IsBusinessDate()
  purchasedOn?: string;

  @ApiPropertyOptional({
    description: 'purchase only: the property certificate (不动产权证书)',
    example: '晋(2023)大同市不动产权第0001号',
  })
  @ValidateIf(
    (o: SubmitSiteApplicationDto) => o.kind === 'purchase' || o.certificateRef !== undefined,
  )
  @OnlyForKind('purchase')
  @IsString()
  @IsNotEmpty()
  @MaxLength(REF_MAX)
  certificateRef?: string;
}

export class ApproveSiteTrancheDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 5,
    example: 1,
    description: 'lease and purchase; not renovation',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  year?: number;

  @ApiBusinessDate({ example: '2023-03-15' })
  @IsBusinessDate()
  decidedOn!: string;
}
