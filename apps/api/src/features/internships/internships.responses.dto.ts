import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DisbursementRefDto,
  EXAMPLE_APPLICATION_ID,
  EXAMPLE_POLICY_VERSION,
  PositionDto,
  PublicityRefDto,
} from '../../ledger-core/shared-responses.dto';
import {
  ApiBusinessDate,
  ApiCreditCode,
  ApiFen,
  ApiMaskedResidentId,
  ApiMonths,
  ApiUuid,
} from '../../platform/openapi/api-fields.decorators';

/** What the school and internship routes answer (API.md, R-INT). */
const EXAMPLE_SCHOOL_ID = '911402000000930164';
const EXAMPLE_INTERN_ID = `${EXAMPLE_APPLICATION_ID}.p1`;

export class RegisterSchoolResultDto extends PositionDto {
  @ApiCreditCode({ example: EXAMPLE_SCHOOL_ID })
  schoolId!: string;
}

export class SubmitInternshipResultDto extends PositionDto {
  @ApiUuid({ example: EXAMPLE_APPLICATION_ID })
  applicationId!: string;

  @ApiProperty({ type: 'integer', example: 50 })
  internsSent!: number;

  @ApiProperty({ type: 'integer', example: 25, description: '6 or more consecutive months' })
  retained!: number;

  @ApiProperty({ example: '0.5000', description: 'retained / internsSent, 4 decimals' })
  retentionRate!: string;

  @ApiProperty({ type: 'integer', example: 5000 })
  retentionBasisPoints!: number;
}

export class InternAmountDto {
  @ApiProperty({ example: EXAMPLE_INTERN_ID })
  internId!: string;

  @ApiFen({ example: 100_000 })
  amountFen!: number;
}

export class RefusedInternDto {
  @ApiProperty({ example: EXAMPLE_INTERN_ID })
  internId!: string;

  @ApiProperty({ example: 'R-INT' })
  rule!: string;

  @ApiProperty({ example: 'the person has already earned an internship reward' })
  reason!: string;
}

export class InternshipTrancheResultDto extends PositionDto {
  @ApiProperty({ example: `${EXAMPLE_APPLICATION_ID}.i1` })
  trancheId!: string;

  @ApiFen({ example: 2_260_000 })
  amountFen!: number;

  @ApiProperty({ type: [InternAmountDto] })
  included!: InternAmountDto[];

  @ApiProperty({ type: [RefusedInternDto] })
  refused!: RefusedInternDto[];
}

export class InternViewDto {
  @ApiProperty({ example: EXAMPLE_INTERN_ID })
  internId!: string;

  @ApiMaskedResidentId()
  personIdMasked!: string;

  @ApiProperty({ example: '李四' })
  name!: string;

  @ApiProperty({ enum: ['secondary', 'higher'], example: 'higher' })
  level!: string;

  @ApiCreditCode()
  enterpriseId!: string;

  @ApiMonths()
  employedMonths!: string[];

  @ApiProperty({ type: 'integer', example: 6 })
  longestRunMonths!: number;

  @ApiProperty({ example: true })
  retained!: boolean;
}

export class InternshipTrancheViewDto {
  @ApiProperty({ example: `${EXAMPLE_APPLICATION_ID}.i1` })
  trancheId!: string;

  @ApiProperty({ example: 'approved', description: '`approving` or `approved`' })
  status!: string;

  @ApiBusinessDate({ example: '2024-01-20' })
  decidedOn!: string;

  @ApiProperty({ example: EXAMPLE_POLICY_VERSION })
  policyVersion!: string;

  @ApiFen({ example: 2_260_000 })
  amountFen!: number;

  @ApiProperty({ type: [InternAmountDto] })
  included!: InternAmountDto[];

  @ApiProperty({ type: [RefusedInternDto] })
  refused!: RefusedInternDto[];

  @ApiProperty({ type: [InternAmountDto], description: 'Taken out by an upheld objection' })
  withdrawn!: InternAmountDto[];

  @ApiPropertyOptional({ type: PublicityRefDto })
  publicity?: PublicityRefDto;

  @ApiPropertyOptional({ type: DisbursementRefDto })
  disbursement?: DisbursementRefDto;
}

export class InternshipApplicationViewDto {
  @ApiUuid({ example: EXAMPLE_APPLICATION_ID })
  applicationId!: string;

  @ApiCreditCode({ example: EXAMPLE_SCHOOL_ID })
  schoolId!: string;

  @ApiProperty({ type: 'integer', example: 2023 })
  year!: number;

  @ApiBusinessDate({ example: '2024-01-15' })
  submittedOn!: string;

  @ApiProperty({ example: EXAMPLE_POLICY_VERSION })
  policyVersion!: string;

  @ApiProperty({ example: '产教融合协议 2023-07' })
  agreementRef!: string;

  @ApiProperty({ example: '大数据实训基地 1 号' })
  trainingBaseRef!: string;

  @ApiProperty({ type: 'integer', example: 50 })
  internsSent!: number;

  @ApiProperty({ type: 'integer', example: 25 })
  retained!: number;

  @ApiProperty({ type: 'integer', example: 5000 })
  retentionBasisPoints!: number;

  @ApiProperty({ example: '0.5000' })
  retentionRate!: string;

  @ApiProperty({ type: [InternViewDto] })
  interns!: InternViewDto[];

  @ApiPropertyOptional({ type: InternshipTrancheViewDto })
  tranche?: InternshipTrancheViewDto;
}
