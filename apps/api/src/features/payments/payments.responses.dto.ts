import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  EXAMPLE_APPLICATION_ID,
  EXAMPLE_BANK_REF,
  EXAMPLE_CLAIM_ID,
  EXAMPLE_TRANCHE_ID,
  PositionDto,
  PROGRAMMES,
} from '../../ledger-core/shared-responses.dto';
import {
  ApiBusinessDate,
  ApiCreditCode,
  ApiFen,
  ApiUuid,
} from '../../platform/openapi/api-fields.decorators';

/** What the payment routes answer (API.md "Seat subsidy", "Fraud cases and clawbacks"). */
export class RecordDisbursementResultDto extends PositionDto {
  @ApiUuid()
  disbursementId!: string;
}

/** `POST /v1/disbursements/:id/return` (退票): what came back, and the tranche now payable again. */
export class DisbursementReturnedResultDto extends PositionDto {
  @ApiUuid()
  disbursementId!: string;

  @ApiProperty({ example: EXAMPLE_TRANCHE_ID })
  trancheId!: string;

  @ApiFen({ example: 500_000 })
  amountFen!: number;

  @ApiBusinessDate({ example: '2023-04-12' })
  returnedOn!: string;
}

export class ReturnedPaymentDto {
  @ApiBusinessDate({ example: '2023-04-12' })
  returnedOn!: string;

  @ApiProperty({ example: 'ICBC-2023-R-000045' })
  bankRef!: string;

  @ApiProperty({ example: '收款账户已销户' })
  reason!: string;
}

export class ReversalDto {
  @ApiUuid()
  caseId!: string;

  @ApiFen({ description: 'Due back from this payment' })
  amountFen!: number;

  @ApiFen({ example: 0 })
  recoveredFen!: number;

  @ApiProperty({ type: [String], example: [EXAMPLE_CLAIM_ID] })
  claimIds!: string[];

  @ApiProperty({
    type: [String],
    example: [`1ae5440c-bf9a-4894-923e-237e39f97cc3:${EXAMPLE_CLAIM_ID}`],
  })
  clawbackIds!: string[];
}

export class DisbursementViewDto {
  @ApiUuid()
  disbursementId!: string;

  @ApiProperty({ example: EXAMPLE_TRANCHE_ID })
  trancheId!: string;

  @ApiProperty({ example: EXAMPLE_APPLICATION_ID })
  applicationId!: string;

  @ApiCreditCode({ required: false })
  enterpriseId?: string;

  @ApiCreditCode({ required: false, example: '911402000000930164' })
  schoolId?: string;

  @ApiPropertyOptional({ enum: PROGRAMMES, example: 'seat' })
  programme?: string;

  @ApiBusinessDate({ example: '2023-03-20' })
  paidOn!: string;

  @ApiFen({ example: 500_000 })
  amountFen!: number;

  @ApiProperty({ example: EXAMPLE_BANK_REF })
  bankRef!: string;

  @ApiProperty({ example: 'fay' })
  paidBy!: string;

  @ApiProperty({ type: [ReversalDto], description: 'Clawbacks of this payment, by case' })
  reversedBy!: ReversalDto[];

  @ApiPropertyOptional({
    type: ReturnedPaymentDto,
    description: 'Set when the bank sent the payment back (退票): it no longer counts as paid',
  })
  returned?: ReturnedPaymentDto;
}
