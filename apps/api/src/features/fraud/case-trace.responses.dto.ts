import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  EXAMPLE_APPLICATION_ID,
  EXAMPLE_BANK_REF,
  EXAMPLE_CLAIM_ID,
  EXAMPLE_TRANCHE_ID,
  PROGRAMMES,
} from '../../ledger-core/shared-responses.dto';
import {
  ApiBusinessDate,
  ApiCreditCode,
  ApiFen,
  ApiMaskedResidentId,
  ApiUuid,
} from '../../platform/openapi/api-fields.decorators';
import { AllocationDto, EXAMPLE_CLAWBACK_ID, EXAMPLE_SCHOOL_ID } from './fraud.responses.dto';

/** `GET /v1/cases/:id` and `/trace`: finding → claims → tranches → payments → recoveries. */
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
