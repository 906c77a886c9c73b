import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { REF_MAX } from '../../ledger-core/dto-limits';
import { IsBusinessDate } from '../../ledger-core/ledger-validators';
import { ApiBusinessDate, ApiFen, ApiPosition } from '../../platform/openapi/api-fields.decorators';

/** One batch is one bank file: a few thousand transfers at most. */
export const BATCH_TRANCHES_MAX = 5_000;
const EXAMPLE_ID = '3f2c1a4e8d6b4c2a9e1f5b7d';

export class CreatePaymentBatchDto {
  @ApiBusinessDate()
  @IsBusinessDate()
  createdOn!: string;

  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: BATCH_TRANCHES_MAX,
    example: ['7c9e6679-7425-40de-944b-e07fc1f90ae7.t1'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BATCH_TRANCHES_MAX)
  @IsString({ each: true })
  @MaxLength(REF_MAX, { each: true })
  trancheIds!: string[];
}

export class ApprovePaymentBatchDto {
  @ApiBusinessDate({ description: 'The day of approval: the requested execution date of the file' })
  @IsBusinessDate()
  approvedOn!: string;
}

export class PaymentFileQueryDto {
  @ApiProperty({ enum: ['pain.001', 'csv'], required: false, default: 'pain.001' })
  @IsOptional()
  @IsIn(['pain.001', 'csv'])
  format?: 'pain.001' | 'csv';
}

export class BatchItemDto {
  @ApiProperty({
    example: EXAMPLE_ID,
    maxLength: 35,
    description: 'The EndToEndId of the transfer',
  })
  itemId!: string;

  @ApiProperty({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7.t1' })
  trancheId!: string;

  @ApiProperty({ example: '大同云呼叫有限公司' })
  payeeName!: string;

  @ApiProperty({ example: '***************3445', pattern: '^\\*{4,28}\\d{4}$' })
  accountMasked!: string;

  @ApiFen()
  amountFen!: number;
}

export class BatchRefusalDto {
  @ApiProperty({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7.t2' })
  trancheId!: string;

  @ApiProperty({ example: 'R-PUB' })
  rule!: string;

  @ApiProperty({ example: 'the notice of tranche … ends on 2023-03-17' })
  reason!: string;
}

export class PaymentBatchCreatedDto {
  @ApiProperty({ example: EXAMPLE_ID })
  batchId!: string;

  @ApiProperty({ type: [BatchItemDto] })
  items!: BatchItemDto[];

  @ApiProperty({ type: [BatchRefusalDto] })
  refused!: BatchRefusalDto[];

  @ApiFen({ description: 'Sum of the items, integer fen' })
  totalFen!: number;

  @ApiPosition()
  position!: number;
}

export class PaymentBatchApprovedDto {
  @ApiProperty({ example: EXAMPLE_ID })
  batchId!: string;

  @ApiBusinessDate()
  approvedOn!: string;

  @ApiProperty({ example: 'finn' })
  approvedBy!: string;

  @ApiPosition()
  position!: number;
}
