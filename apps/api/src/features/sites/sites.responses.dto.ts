import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DisbursementRefDto,
  EXAMPLE_APPLICATION_ID,
  EXAMPLE_POLICY_VERSION,
  MonthConflictDto,
  PositionDto,
  PublicityRefDto,
} from '../../ledger-core/shared-responses.dto';
import {
  ApiBusinessDate,
  ApiCreditCode,
  ApiFen,
  ApiUuid,
} from '../../platform/openapi/api-fields.decorators';

/** What the effective-seat, standing-check and site routes answer (API.md, R-EFF, R-SITE-*). */
const EXAMPLE_SITE_TRANCHE_ID = `${EXAMPLE_APPLICATION_ID}.y1`;
const SITE_KINDS = ['lease', 'renovation', 'purchase'];

export class StandingCheckResultDto extends PositionDto {
  @ApiUuid()
  checkId!: string;
}

export class RefusedSeatDto {
  @ApiProperty({ example: 'A-06' })
  seatRef!: string;

  @ApiProperty({ example: 'R-SEAT-6' })
  rule!: string;

  @ApiProperty({ example: 'months 2022-07, 2022-08 are already held by another claim' })
  reason!: string;

  @ApiPropertyOptional({ type: [MonthConflictDto] })
  conflictsWith?: MonthConflictDto[];
}

export class RecognitionResultDto extends PositionDto {
  @ApiUuid()
  recognitionId!: string;

  @ApiBusinessDate({ example: '2023-01-05' })
  recognizedOn!: string;

  @ApiProperty({ type: 'integer', example: 3, description: 'Seats recognised effective' })
  recognized!: number;

  @ApiProperty({ type: [RefusedSeatDto] })
  refused!: RefusedSeatDto[];
}

export class RecognitionViewDto {
  @ApiUuid()
  recognitionId!: string;

  @ApiBusinessDate({ example: '2023-01-05' })
  recognizedOn!: string;

  @ApiProperty({ type: 'integer', example: 3 })
  recognized!: number;

  @ApiProperty({ example: EXAMPLE_POLICY_VERSION })
  policyVersion!: string;

  @ApiProperty({ type: [RefusedSeatDto] })
  refused!: RefusedSeatDto[];

  @ApiPropertyOptional({ format: 'uuid', example: 'b06cea6d-0e70-469a-a5a7-ffa1c32ae430' })
  specialTermsId?: string;
}

export class EffectiveSeatsViewDto {
  @ApiCreditCode()
  enterpriseId!: string;

  @ApiBusinessDate()
  asOf!: string;

  @ApiProperty({
    type: 'integer',
    example: 3,
    description: 'The latest recognition on or before asOf',
  })
  effectiveSeats!: number;

  @ApiPropertyOptional({ format: 'uuid', example: '36df6aa3-4854-4bc7-aeff-9710ebe6edf2' })
  recognitionId?: string;

  @ApiBusinessDate({ required: false, example: '2023-01-05' })
  recognizedOn?: string;

  @ApiProperty({ type: [RecognitionViewDto] })
  recognitions!: RecognitionViewDto[];
}

export class SubmitSiteApplicationResultDto extends PositionDto {
  @ApiUuid({ example: EXAMPLE_APPLICATION_ID })
  applicationId!: string;

  @ApiProperty({ enum: SITE_KINDS, example: 'lease' })
  kind!: string;

  @ApiFen({ required: false, example: 250_000_000, description: 'Renovation and purchase' })
  totalFen?: number;

  @ApiProperty({
    required: false,
    type: 'array',
    items: { type: 'integer' },
    example: [75_000_000, 62_500_000, 37_500_000, 37_500_000, 37_500_000],
    description: 'Purchase: integer fen per year, adding up to totalFen',
  })
  yearFen?: number[];
}

export class SiteTrancheResultDto extends PositionDto {
  @ApiProperty({ example: EXAMPLE_SITE_TRANCHE_ID })
  trancheId!: string;

  @ApiProperty({ enum: SITE_KINDS, example: 'lease' })
  kind!: string;

  @ApiFen({ example: 750_000 })
  amountFen!: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 5, example: 1 })
  year?: number;

  @ApiPropertyOptional({ type: 'integer', example: 3, description: 'Lease: on decidedOn' })
  effectiveSeats?: number;

  @ApiPropertyOptional({ type: 'integer', example: 3, description: 'Lease: seats paid for' })
  seats?: number;

  @ApiFen({ required: false, example: 250_000 })
  perSeatFen?: number;
}

export class WithdrawnDto {
  @ApiFen()
  amountFen!: number;

  @ApiBusinessDate({ example: '2023-03-14' })
  withdrawnOn!: string;

  @ApiUuid()
  objectionId!: string;
}

export class SiteTrancheViewDto {
  @ApiProperty({ example: EXAMPLE_SITE_TRANCHE_ID })
  trancheId!: string;

  @ApiPropertyOptional({ type: 'integer', example: 1 })
  year?: number;

  @ApiProperty({ example: 'approved', description: '`approving` or `approved`' })
  status!: string;

  @ApiBusinessDate({ example: '2023-03-01' })
  decidedOn!: string;

  @ApiProperty({ example: EXAMPLE_POLICY_VERSION })
  policyVersion!: string;

  @ApiPropertyOptional({ format: 'uuid', example: 'b06cea6d-0e70-469a-a5a7-ffa1c32ae430' })
  specialTermsId?: string;

  @ApiFen({ example: 750_000, description: 'What the tranche pays now (0 once withdrawn)' })
  amountFen!: number;

  @ApiPropertyOptional({ type: 'integer', example: 3 })
  effectiveSeats?: number;

  @ApiPropertyOptional({ type: 'integer', example: 3 })
  seats?: number;

  @ApiFen({ required: false, example: 250_000 })
  perSeatFen?: number;

  @ApiPropertyOptional({ type: WithdrawnDto })
  withdrawn?: WithdrawnDto;

  @ApiPropertyOptional({ type: PublicityRefDto })
  publicity?: PublicityRefDto;

  @ApiPropertyOptional({ type: DisbursementRefDto })
  disbursement?: DisbursementRefDto;
}

export class PremisesViewDto {
  @ApiProperty({ example: '大同市平城区御河西路 100 号' })
  address!: string;
}

export class LeaseViewDto {
  @ApiBusinessDate({ example: '2023-01-01' })
  startsOn!: string;

  @ApiBusinessDate({ example: '2027-12-31' })
  endsOn!: string;
}

export class RenovationViewDto {
  @ApiFen({ example: 3_000_000_000 })
  investmentFen!: number;

  @ApiProperty({ example: 'AUD-7' })
  auditRef!: string;

  @ApiBusinessDate({ example: '2023-01-20' })
  completedOn!: string;
}

export class PurchaseViewDto {
  @ApiProperty({ type: 'number', example: 5001 })
  areaM2!: number;

  @ApiProperty({ type: 'number', example: 5000, description: 'Area paid for (at most the cap)' })
  areaM2Counted!: number;

  @ApiBusinessDate({ example: '2023-04-25' })
  purchasedOn!: string;

  @ApiProperty({ example: '晋(2023)大同市不动产权第0001号' })
  certificateRef!: string;
}

export class SiteApplicationViewDto {
  @ApiUuid({ example: EXAMPLE_APPLICATION_ID })
  applicationId!: string;

  @ApiCreditCode()
  enterpriseId!: string;

  @ApiProperty({ enum: SITE_KINDS, example: 'lease' })
  kind!: string;

  @ApiProperty({ enum: ['siteLease', 'siteRenovation', 'sitePurchase'], example: 'siteLease' })
  programme!: string;

  @ApiBusinessDate({ example: '2023-01-10' })
  submittedOn!: string;

  @ApiProperty({ example: EXAMPLE_POLICY_VERSION })
  policyVersion!: string;

  @ApiPropertyOptional({ format: 'uuid', example: 'b06cea6d-0e70-469a-a5a7-ffa1c32ae430' })
  specialTermsId?: string;

  @ApiProperty({ type: PremisesViewDto })
  premises!: PremisesViewDto;

  @ApiPropertyOptional({ type: LeaseViewDto })
  lease?: LeaseViewDto;

  @ApiPropertyOptional({ type: RenovationViewDto })
  renovation?: RenovationViewDto;

  @ApiPropertyOptional({ type: PurchaseViewDto })
  purchase?: PurchaseViewDto;

  @ApiFen({ required: false, example: 250_000_000 })
  totalFen?: number;

  @ApiProperty({
    required: false,
    type: 'array',
    items: { type: 'integer' },
    example: [75_000_000, 62_500_000, 37_500_000, 37_500_000, 37_500_000],
  })
  yearFen?: number[];

  @ApiProperty({ type: [SiteTrancheViewDto] })
  tranches!: SiteTrancheViewDto[];
}
