import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ClaimAmountDto,
  DisbursementRefDto,
  EXAMPLE_APPLICATION_ID,
  EXAMPLE_CLAIM_ID,
  EXAMPLE_TRANCHE_ID,
  MonthConflictDto,
  PositionDto,
  PublicityRefDto,
  RefusedClaimDto,
} from '../../ledger-core/shared-responses.dto';
import {
  ApiBusinessDate,
  ApiCreditCode,
  ApiFen,
  ApiMaskedResidentId,
  ApiMonths,
  ApiUuid,
} from '../../platform/openapi/api-fields.decorators';

/** What the seat-subsidy routes answer (API.md "Seat subsidy"). */
export class RegisterEnterpriseResultDto extends PositionDto {
  @ApiCreditCode({ description: 'The enterprise id: its credit code' })
  enterpriseId!: string;
}

export class FundUseResultDto extends PositionDto {
  @ApiUuid()
  reportId!: string;
}

export class SubmittedClaimDto {
  @ApiProperty({ example: EXAMPLE_CLAIM_ID })
  claimId!: string;

  @ApiProperty({ example: 'submitted', description: '`submitted` or `refused`' })
  status!: string;

  @ApiPropertyOptional({ example: 'R-SEAT-6' })
  rule?: string;

  @ApiPropertyOptional({ example: 'months 2023-01, 2023-02 are claimed by another enterprise' })
  reason?: string;

  @ApiPropertyOptional({
    type: [MonthConflictDto],
    description: 'Shown to reviewers and supervisors only',
  })
  conflictsWith?: MonthConflictDto[];
}

export class SubmitSeatApplicationResultDto extends PositionDto {
  @ApiUuid({ example: EXAMPLE_APPLICATION_ID })
  applicationId!: string;

  @ApiProperty({ type: [SubmittedClaimDto] })
  claims!: SubmittedClaimDto[];
}

export class EvidenceClaimResultDto {
  @ApiProperty({ example: EXAMPLE_CLAIM_ID })
  claimId!: string;

  @ApiProperty({ example: 'accepted', description: '`accepted` or `refused`' })
  status!: string;

  @ApiMonths({ required: false, description: 'Months added to the claim' })
  addedMonths?: string[];

  @ApiPropertyOptional({ example: 'R-SEAT-6' })
  rule?: string;

  @ApiPropertyOptional({ example: 'months 2023-03 are claimed by another enterprise' })
  reason?: string;

  @ApiPropertyOptional({ type: [MonthConflictDto] })
  conflictsWith?: MonthConflictDto[];
}

export class FileEvidenceResultDto extends PositionDto {
  @ApiProperty({ type: [EvidenceClaimResultDto] })
  claims!: EvidenceClaimResultDto[];
}

export class ReviewedClaimDto {
  @ApiProperty({ example: EXAMPLE_CLAIM_ID })
  claimId!: string;

  @ApiProperty({ example: 'approved', description: '`approved` or `rejected`' })
  status!: string;
}

export class ReviewResultDto extends PositionDto {
  @ApiProperty({ type: [ReviewedClaimDto] })
  claims!: ReviewedClaimDto[];
}

export class ApproveTrancheResultDto extends PositionDto {
  @ApiProperty({ example: EXAMPLE_TRANCHE_ID })
  trancheId!: string;

  @ApiFen({ example: 500_000, description: 'The tranche: the sum of `included`' })
  amountFen!: number;

  @ApiProperty({ type: [ClaimAmountDto] })
  included!: ClaimAmountDto[];

  @ApiProperty({ type: [RefusedClaimDto] })
  refused!: RefusedClaimDto[];
}

export class FoundFalseDto {
  @ApiUuid()
  caseId!: string;

  @ApiUuid()
  findingId!: string;

  @ApiBusinessDate({ example: '2024-03-10' })
  foundOn!: string;
}

export class SeatClaimViewDto {
  @ApiProperty({ example: EXAMPLE_CLAIM_ID })
  claimId!: string;

  @ApiMaskedResidentId()
  personId!: string;

  @ApiMaskedResidentId({ description: 'Always masked' })
  personIdMasked!: string;

  @ApiProperty({ example: '张三' })
  name!: string;

  @ApiProperty({
    example: 'approved',
    description: 'submitted, refused, approved, rejected, withdrawn, fraudulent, …',
  })
  status!: string;

  @ApiMonths({ description: 'Months backed by both wages and insurance' })
  months!: string[];

  @ApiMonths()
  wageMonths!: string[];

  @ApiMonths()
  insuranceMonths!: string[];

  @ApiPropertyOptional({ type: FoundFalseDto })
  foundFalse?: FoundFalseDto;

  @ApiPropertyOptional({ example: 'R-SEAT-6' })
  rule?: string;

  @ApiPropertyOptional({ example: 'months 2023-01 are already claimed by another claim' })
  reason?: string;

  @ApiPropertyOptional({ type: [MonthConflictDto] })
  conflictsWith?: MonthConflictDto[];
}

export class ReviewRecordDto {
  @ApiProperty({ example: 'rita' })
  reviewedBy!: string;

  @ApiBusinessDate({ example: '2023-03-05' })
  decidedOn!: string;
}

export class IncludedClaimDto extends ClaimAmountDto {
  @ApiPropertyOptional({
    example: '376ca31e9de595bb6aa1a647b0cfe92106c1b5dc',
    description: 'Keyed hash of the person (never the ID number)',
  })
  personKey?: string;

  @ApiPropertyOptional({ example: `${EXAMPLE_TRANCHE_ID}:${EXAMPLE_CLAIM_ID}` })
  reservationId?: string;
}

export class TrancheClawbackDto extends ClaimAmountDto {
  @ApiProperty({ example: `3b1e…:${EXAMPLE_CLAIM_ID}` })
  clawbackId!: string;

  @ApiUuid()
  caseId!: string;
}

export class SeatTrancheViewDto {
  @ApiProperty({ example: EXAMPLE_TRANCHE_ID })
  trancheId!: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 4, example: 1 })
  tranche!: number;

  @ApiProperty({ example: 'approved', description: '`approving` or `approved`' })
  status!: string;

  @ApiBusinessDate({ example: '2023-03-10' })
  decidedOn!: string;

  @ApiFen({ example: 500_000 })
  amountFen!: number;

  @ApiProperty({ type: [IncludedClaimDto] })
  included!: IncludedClaimDto[];

  @ApiProperty({ type: [RefusedClaimDto] })
  refused!: RefusedClaimDto[];

  @ApiProperty({
    type: [ClaimAmountDto],
    description: 'Claims taken out after approval (an upheld objection)',
  })
  withdrawn!: ClaimAmountDto[];

  @ApiPropertyOptional({ type: PublicityRefDto })
  publicity?: PublicityRefDto;

  @ApiPropertyOptional({ type: DisbursementRefDto })
  disbursement?: DisbursementRefDto;

  @ApiPropertyOptional({ type: [TrancheClawbackDto] })
  clawbacks?: TrancheClawbackDto[];
}

export class SeatApplicationViewDto {
  @ApiUuid({ example: EXAMPLE_APPLICATION_ID })
  applicationId!: string;

  @ApiCreditCode()
  enterpriseId!: string;

  @ApiBusinessDate()
  submittedOn!: string;

  @ApiProperty({ example: 'open' })
  status!: string;

  @ApiProperty({ type: 'integer', example: 6, description: 'Months the first tranche needs' })
  firstTrancheMonths!: number;

  @ApiProperty({ type: [SeatClaimViewDto] })
  claims!: SeatClaimViewDto[];

  @ApiProperty({ type: [ReviewRecordDto] })
  reviews!: ReviewRecordDto[];

  @ApiProperty({ type: [SeatTrancheViewDto] })
  tranches!: SeatTrancheViewDto[];
}
