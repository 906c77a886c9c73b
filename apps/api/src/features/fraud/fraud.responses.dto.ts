import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  EXAMPLE_APPLICATION_ID,
  EXAMPLE_BANK_REF,
  EXAMPLE_CLAIM_ID,
  EXAMPLE_TRANCHE_ID,
  PartyAgeingDto,
  AgeingBucketsDto,
  PositionDto,
  PROGRAMMES,
} from '../../ledger-core/shared-responses.dto';
import {
  ApiBusinessDate,
  ApiCreditCode,
  ApiFen,
  ApiMaskedResidentId,
  ApiMonths,
  ApiUuid,
} from '../../platform/openapi/api-fields.decorators';

/** What the fraud routes answer (API.md "Fraud cases and clawbacks", R-FRAUD). */
const EXAMPLE_CLAWBACK_ID = `1ae5440c-bf9a-4894-923e-237e39f97cc3:${EXAMPLE_CLAIM_ID}`;
const EXAMPLE_SCHOOL_ID = '911402000000930164';

export class OpenCaseResultDto extends PositionDto {
  @ApiUuid()
  caseId!: string;

  @ApiCreditCode({ required: false })
  enterpriseId?: string;

  @ApiCreditCode({ required: false, example: EXAMPLE_SCHOOL_ID })
  schoolId?: string;

  @ApiProperty({ example: true })
  suspended!: boolean;
}

export class ClawbackDto {
  @ApiPropertyOptional({ example: EXAMPLE_CLAIM_ID, description: 'Absent for a whole tranche' })
  claimId?: string;

  @ApiProperty({ example: EXAMPLE_TRANCHE_ID })
  trancheId!: string;

  @ApiUuid()
  disbursementId!: string;

  @ApiFen()
  amountFen!: number;
}

export class CancelledDto {
  @ApiPropertyOptional({ example: EXAMPLE_CLAIM_ID })
  claimId?: string;

  @ApiProperty({ example: EXAMPLE_TRANCHE_ID })
  trancheId!: string;

  @ApiFen()
  amountFen!: number;
}

export class AlreadyFalseDto {
  @ApiPropertyOptional({ example: EXAMPLE_CLAIM_ID })
  claimId?: string;

  @ApiPropertyOptional({ example: EXAMPLE_TRANCHE_ID })
  trancheId?: string;

  @ApiUuid({ description: 'The case whose finding named it first' })
  caseId!: string;
}

export class FindingResultDto extends PositionDto {
  @ApiUuid()
  findingId!: string;

  @ApiProperty({ type: [ClawbackDto], description: 'Paid amounts, now due back' })
  clawbacks!: ClawbackDto[];

  @ApiProperty({ type: [CancelledDto], description: 'Approved, unpaid amounts cancelled' })
  cancelled!: CancelledDto[];

  @ApiFen({ example: 500_000 })
  clawbackDueFen!: number;

  @ApiFen({ example: 250_000 })
  cancelledFen!: number;

  @ApiProperty({ type: [AlreadyFalseDto] })
  alreadyFalse!: AlreadyFalseDto[];

  @ApiProperty({ example: true })
  suspended!: boolean;
}

export class AllocationDto {
  @ApiProperty({ example: EXAMPLE_CLAWBACK_ID })
  clawbackId!: string;

  @ApiPropertyOptional({ example: EXAMPLE_CLAIM_ID })
  claimId?: string;

  @ApiUuid()
  disbursementId!: string;

  @ApiFen({ example: 150_000 })
  amountFen!: number;

  @ApiPropertyOptional({ enum: PROGRAMMES, example: 'seat' })
  programme?: string;
}

export class RecoveryResultDto extends PositionDto {
  @ApiUuid()
  recoveryId!: string;

  @ApiProperty({ type: [AllocationDto] })
  allocations!: AllocationDto[];

  @ApiProperty({ type: [String], example: [EXAMPLE_CLAIM_ID], description: 'Cap released' })
  releasedClaimIds!: string[];

  @ApiProperty({ example: false })
  suspensionLifted!: boolean;

  @ApiFen({ example: 500_000 })
  clawbackDueFen!: number;

  @ApiFen({ example: 150_000 })
  recoveredFen!: number;

  @ApiFen({ example: 350_000 })
  outstandingFen!: number;
}

export class CloseCaseResultDto extends PositionDto {
  @ApiUuid()
  caseId!: string;

  @ApiProperty({ example: 'closed' })
  status!: string;

  @ApiProperty({ enum: ['upheld', 'dismissed'], example: 'upheld' })
  outcome!: string;

  @ApiProperty({ example: true })
  suspensionLifted!: boolean;
}

export class SuspensionDto {
  @ApiProperty({ example: true })
  requested!: boolean;

  @ApiProperty({ example: true })
  applied!: boolean;

  @ApiProperty({ example: false })
  lifted!: boolean;
}

export class TracePaymentDto {
  @ApiUuid()
  disbursementId!: string;

  @ApiProperty({ example: EXAMPLE_BANK_REF })
  bankRef!: string;

  @ApiBusinessDate({ example: '2023-03-20' })
  paidOn!: string;

  @ApiFen()
  amountFen!: number;

  @ApiPropertyOptional({ example: EXAMPLE_CLAWBACK_ID })
  clawbackId?: string;

  @ApiFen({ required: false, example: 0 })
  recoveredFen?: number;

  @ApiFen({ required: false })
  outstandingFen?: number;
}

export class TraceTrancheDto {
  @ApiProperty({ example: EXAMPLE_TRANCHE_ID })
  trancheId!: string;

  @ApiFen()
  approvedFen!: number;

  @ApiFen({ required: false, example: 0 })
  cancelledFen?: number;

  @ApiProperty({ type: [TracePaymentDto] })
  payments!: TracePaymentDto[];
}

export class TraceFindingDto {
  @ApiUuid()
  findingId!: string;

  @ApiBusinessDate({ example: '2024-03-10' })
  foundOn!: string;

  @ApiProperty({ example: 'payroll and insurance records forged' })
  note!: string;

  @ApiProperty({ example: 'found', description: '`found` or `alreadyFalse`' })
  status!: string;

  @ApiPropertyOptional({ example: EXAMPLE_CLAIM_ID })
  claimId?: string;

  @ApiPropertyOptional({ example: '3f2c1a4e-8d6b-4c2a-9e1f-5b7d0a6c4e21.i1' })
  falseTrancheId?: string;

  @ApiPropertyOptional({ enum: PROGRAMMES, example: 'seat' })
  programme?: string;

  @ApiPropertyOptional({ example: EXAMPLE_APPLICATION_ID })
  applicationId?: string;

  @ApiMaskedResidentId({ required: false })
  personIdMasked?: string;

  @ApiPropertyOptional({ example: false })
  capReleased?: boolean;

  @ApiProperty({ type: [TraceTrancheDto] })
  tranches!: TraceTrancheDto[];
}

export class TraceRecoveryDto {
  @ApiUuid()
  recoveryId!: string;

  @ApiBusinessDate({ example: '2024-04-15' })
  receivedOn!: string;

  @ApiFen({ example: 150_000 })
  amountFen!: number;

  @ApiProperty({ example: 'ICBC-R-2024-0001' })
  bankRef!: string;

  @ApiProperty({ type: [AllocationDto] })
  allocations!: AllocationDto[];

  @ApiProperty({ type: [String], example: [EXAMPLE_CLAIM_ID] })
  settledClaimIds!: string[];
}

/** A case and where its money went: finding → claims → tranches → payments → recoveries. */
export class CaseTraceDto {
  @ApiUuid()
  caseId!: string;

  @ApiCreditCode({ required: false })
  enterpriseId?: string;

  @ApiCreditCode({ required: false, example: EXAMPLE_SCHOOL_ID })
  schoolId?: string;

  @ApiProperty({ example: 'open', description: '`open` or `closed`' })
  status!: string;

  @ApiPropertyOptional({ enum: ['upheld', 'dismissed'], example: 'upheld' })
  outcome?: string;

  @ApiBusinessDate({ example: '2024-03-01' })
  openedOn!: string;

  @ApiProperty({ example: 'sue' })
  openedBy!: string;

  @ApiProperty({ example: 'tip: P1 never worked at A' })
  reason!: string;

  @ApiBusinessDate({ required: false, example: '2024-05-15' })
  closedOn?: string;

  @ApiProperty({ type: SuspensionDto })
  suspension!: SuspensionDto;

  @ApiProperty({ type: [TraceFindingDto] })
  findings!: TraceFindingDto[];

  @ApiFen({ example: 500_000 })
  clawbackDueFen!: number;

  @ApiFen({ example: 250_000 })
  cancelledFen!: number;

  @ApiFen({ example: 150_000 })
  recoveredFen!: number;

  @ApiFen({ example: 350_000 })
  outstandingFen!: number;

  @ApiProperty({ type: [TraceRecoveryDto] })
  recoveries!: TraceRecoveryDto[];
}

export class EnterpriseAgeingRowDto extends PartyAgeingDto {
  @ApiCreditCode()
  enterpriseId!: string;
}

export class SchoolAgeingRowDto extends PartyAgeingDto {
  @ApiCreditCode({ example: EXAMPLE_SCHOOL_ID })
  schoolId!: string;
}

export class AgeingListDto {
  @ApiBusinessDate()
  asOf!: string;

  @ApiPropertyOptional({ type: [EnterpriseAgeingRowDto], description: 'With `party=enterprise`' })
  enterprises?: EnterpriseAgeingRowDto[];

  @ApiPropertyOptional({ type: [SchoolAgeingRowDto], description: 'With `party=school`' })
  schools?: SchoolAgeingRowDto[];

  @ApiProperty({ type: AgeingBucketsDto })
  pageTotals!: AgeingBucketsDto;

  @ApiProperty({
    type: 'string',
    nullable: true,
    example: null,
    description: 'Pass as `after` for the next page; null on the last',
  })
  next!: string | null;
}

export class EnterpriseAgeingDto extends EnterpriseAgeingRowDto {
  @ApiBusinessDate()
  asOf!: string;
}

export class SchoolAgeingDto extends SchoolAgeingRowDto {
  @ApiBusinessDate()
  asOf!: string;
}

export class DuplicateConflictDto {
  @ApiProperty({ example: '6a7647c0-c993-4109-b63b-282c47259777.c1' })
  claimId!: string;

  @ApiCreditCode({ example: '91140200000010014A' })
  enterpriseId!: string;

  @ApiMonths()
  months!: string[];
}

export class DuplicateClaimDto {
  @ApiMaskedResidentId()
  personIdMasked!: string;

  @ApiProperty({ example: EXAMPLE_CLAIM_ID })
  claimId!: string;

  @ApiProperty({ example: EXAMPLE_APPLICATION_ID })
  applicationId!: string;

  @ApiCreditCode()
  enterpriseId!: string;

  @ApiMonths()
  months!: string[];

  @ApiProperty({ type: [DuplicateConflictDto] })
  conflictsWith!: DuplicateConflictDto[];

  @ApiBusinessDate({ example: '2023-12-20' })
  filedOn!: string;

  @ApiProperty({ type: 'integer', example: 51 })
  position!: number;
}

export class DuplicateClaimsPageDto {
  @ApiProperty({ type: [DuplicateClaimDto] })
  items!: DuplicateClaimDto[];

  @ApiProperty({
    type: 'integer',
    nullable: true,
    example: null,
    description: 'Pass as `after` for the next page; null on the last',
  })
  next!: number | null;
}
