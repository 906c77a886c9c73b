import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
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
import { MinPositionQueryDto } from '../../platform/http/min-position';
import {
  IsBusinessDate,
  IsCreditCode,
  IsFen,
  IsMonthString,
  IsResidentId,
} from './ledger-validators';

/** Limits on every list and string (issue #7 requests): a request never grows without bound. */
export const SEATS_MAX = 20_000;
export const OCCUPANTS_MAX = 12;
export const INTERNS_MAX = 20_000;
const MONTHS_MAX = 120;
const NAME_MAX = 200;
const REF_MAX = 200;
const ADDRESS_MAX = 500;
const TEXT_MAX = 4_000;
/** 10,000,000 m²: far beyond any office, well inside an exact integer of dm². */
const AREA_M2_MAX = 10_000_000;

// ------------------------------------------------------------ effective seats (R-EFF)

export class OccupantDto {
  @ApiProperty({ description: 'Resident ID number (GB 11643)' })
  @IsResidentId()
  personId!: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  name!: string;

  @ApiProperty({ example: ['2023-01', '2023-02'] })
  @IsArray()
  @ArrayMaxSize(MONTHS_MAX)
  @IsMonthString()
  wageMonths!: string[];

  @ApiProperty({ example: ['2023-01', '2023-02'] })
  @IsArray()
  @ArrayMaxSize(MONTHS_MAX)
  @IsMonthString()
  insuranceMonths!: string[];
}

export class EffectiveSeatDto {
  @ApiProperty({ example: 'A-017', description: "The enterprise's own name for the seat" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REF_MAX)
  seatRef!: string;

  @ApiProperty({ type: [OccupantDto], description: 'One employee, or up to 3 in turn (R-EFF)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(OCCUPANTS_MAX)
  @ValidateNested({ each: true })
  @Type(() => OccupantDto)
  occupants!: OccupantDto[];
}

export class RecognizeEffectiveSeatsDto {
  @ApiProperty({ example: '2024-01-10' })
  @IsBusinessDate()
  recognizedOn!: string;

  @ApiProperty({
    type: [EffectiveSeatDto],
    description: 'The whole roster: the count from `recognizedOn` is the seats recognised here',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SEATS_MAX)
  @ValidateNested({ each: true })
  @Type(() => EffectiveSeatDto)
  seats!: EffectiveSeatDto[];
}

export class AsOfDateQueryDto extends MinPositionQueryDto {
  @ApiPropertyOptional({ description: 'Business date; defaults to today' })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;
}

// ------------------------------------------------------------ site subsidies (R-SITE-*)

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
  @ApiProperty({ example: '2023-01-01' })
  @IsBusinessDate()
  startsOn!: string;

  @ApiProperty({ example: '2027-12-31', description: "The lease's last day (inclusive)" })
  @IsBusinessDate()
  endsOn!: string;
}

export class SubmitSiteApplicationDto {
  @ApiProperty({ description: 'The enterprise (unified social credit code)' })
  @IsCreditCode()
  enterpriseId!: string;

  @ApiProperty({ enum: SITE_KINDS })
  @IsIn(SITE_KINDS)
  kind!: SiteKindDto;

  @ApiProperty({ example: '2023-02-01' })
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

  @ApiPropertyOptional({ description: 'renovation only: audited investment, integer fen' })
  @ValidateIf(
    (o: SubmitSiteApplicationDto) => o.kind === 'renovation' || o.investmentFen !== undefined,
  )
  @OnlyForKind('renovation')
  @IsFen()
  investmentFen?: number;

  @ApiPropertyOptional({ description: "renovation only: the third-party auditor's report" })
  @ValidateIf((o: SubmitSiteApplicationDto) => o.kind === 'renovation' || o.auditRef !== undefined)
  @OnlyForKind('renovation')
  @IsString()
  @IsNotEmpty()
  @MaxLength(REF_MAX)
  auditRef?: string;

  @ApiPropertyOptional({ description: 'renovation only' })
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

  @ApiPropertyOptional({ description: 'purchase only' })
  @ValidateIf((o: SubmitSiteApplicationDto) => o.kind === 'purchase' || o.purchasedOn !== undefined)
  @OnlyForKind('purchase')
  @IsBusinessDate()
  purchasedOn?: string;

  @ApiPropertyOptional({ description: 'purchase only: the property certificate (不动产权证书)' })
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
    minimum: 1,
    maximum: 5,
    description: 'lease and purchase; not renovation',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  year?: number;

  @ApiProperty({ example: '2023-03-15' })
  @IsBusinessDate()
  decidedOn!: string;
}

// ------------------------------------------------------------ internship rewards (R-INT)

export class RegisterSchoolDto {
  @ApiProperty({ description: "The school's unified social credit code" })
  @IsCreditCode()
  schoolId!: string;

  @ApiProperty({ example: '大同职业技术学院' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  name!: string;

  @ApiPropertyOptional({ description: 'Business date; defaults to today' })
  @IsOptional()
  @IsBusinessDate()
  registeredOn?: string;
}

export class InternDto {
  @ApiProperty({ description: 'Resident ID number (GB 11643)' })
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

  @ApiProperty({ description: 'The enterprise the intern was sent to' })
  @IsCreditCode()
  enterpriseId!: string;

  @ApiProperty({ example: ['2023-07', '2023-08'] })
  @IsArray()
  @ArrayMaxSize(MONTHS_MAX)
  @IsMonthString()
  employedMonths!: string[];
}

export class SubmitInternshipApplicationDto {
  @ApiProperty({ description: "The school's unified social credit code" })
  @IsCreditCode()
  schoolId!: string;

  @ApiProperty({ example: 2023 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;

  @ApiProperty({ example: '2024-03-01' })
  @IsBusinessDate()
  submittedOn!: string;

  @ApiProperty({ description: 'The school–enterprise agreement (产教融合协议)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REF_MAX)
  agreementRef!: string;

  @ApiProperty({ description: 'The joint training base (实训基地)' })
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
  @ApiProperty({ example: '2024-03-15' })
  @IsBusinessDate()
  decidedOn!: string;
}

export class SchoolBalanceQueryDto extends MinPositionQueryDto {
  @ApiPropertyOptional({ description: 'Business date; defaults to today' })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;

  @ApiPropertyOptional({ description: 'ISO-8601 recorded time; defaults to now' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  asKnownAt?: string;
}

// ------------------------------------------------------------ special terms (R-SPECIAL)

export class ProposeSpecialTermsDto {
  @ApiProperty({ example: '同政办函〔2023〕12号', description: 'The decision document' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REF_MAX)
  documentRef!: string;

  @ApiProperty({
    enum: ['top-enterprise', 'outsourcing'],
    description: 'Art. 14: Top 500 / Top 20 with a 500+ seat site, or outsourcing with 1,000+',
  })
  @IsIn(['top-enterprise', 'outsourcing'])
  basis!: 'top-enterprise' | 'outsourcing';

  @ApiProperty({
    description:
      'The parameters overridden, as a partial policy: seat.{minSeats, firstTrancheMonths, firstTrancheMonthsTrialFirstApplication, monthsPerLaterTranche}, effectiveSeat.*, site.* (see GET /v1/policies)',
    example: { site: { renovationCapFen: 800_000_000 } },
  })
  @IsObject()
  overrides!: Record<string, unknown>;

  @ApiProperty({ example: '2023-01-01' })
  @IsBusinessDate()
  validFrom!: string;

  @ApiProperty({ example: '2027-12-31' })
  @IsBusinessDate()
  validTo!: string;

  @ApiPropertyOptional({ description: 'Business date of the proposal; defaults to today' })
  @IsOptional()
  @IsBusinessDate()
  proposedOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  note?: string;
}

export class ConfirmSpecialTermsDto {
  @ApiPropertyOptional({ description: 'Business date of the confirmation; defaults to today' })
  @IsOptional()
  @IsBusinessDate()
  confirmedOn?: string;
}

export class PoliciesQueryDto extends MinPositionQueryDto {
  @ApiPropertyOptional({ description: 'Only the version in force on this business date' })
  @IsOptional()
  @IsBusinessDate()
  inForceOn?: string;
}
