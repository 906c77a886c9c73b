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
import { PAYMENT_BATCH_LIST_STATUSES, PaymentBatchListStatus } from '@ledger/projections';
import { REF_MAX } from '../../ledger-core/dto-limits';
import { IsBusinessDate } from '../../ledger-core/ledger-validators';
import {
  ApiBusinessDate,
  ApiCreditCode,
  ApiFen,
  ApiPosition,
} from '../../platform/openapi/api-fields.decorators';
import { WorkListPagingDto } from '../../ledger-core/work-list-paging.dto';

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

export class PaymentBatchListQueryDto extends WorkListPagingDto {
  @ApiProperty({
    enum: PAYMENT_BATCH_LIST_STATUSES,
    required: false,
    description:
      'awaiting-approval: not yet approved by a second officer; approved: the file may be made, the bank has not answered; partly-paid / paid: some / every item paid (a returned one counts, it was paid)',
  })
  @IsOptional()
  @IsIn(PAYMENT_BATCH_LIST_STATUSES)
  status?: PaymentBatchListStatus;
}

export class PaymentBatchSummaryDto {
  @ApiProperty({ example: EXAMPLE_ID }) batchId!: string;
  @ApiBusinessDate() createdOn!: string;
  @ApiProperty({ example: 'fay' }) createdBy!: string;
  @ApiProperty({ enum: PAYMENT_BATCH_LIST_STATUSES }) status!: string;
  @ApiProperty({ type: 'integer', example: 12 }) itemCount!: number;
  @ApiFen({ description: 'Sum of the items, integer fen' }) totalFen!: number;
  @ApiProperty({ type: String, nullable: true, example: 'finn' }) approvedBy!: string | null;
  @ApiBusinessDate({ nullable: true, required: true }) approvedOn!: string | null;
  @ApiProperty({ type: 'integer', example: 0, description: 'Items whose payment is recorded' })
  paidCount!: number;
  @ApiProperty({ type: 'integer', example: 0, description: 'Of those, sent back (退票)' })
  returnedCount!: number;
}

export class PaymentBatchViewItemDto extends BatchItemDto {
  @ApiCreditCode({ nullable: true, required: true }) enterpriseId!: string | null;
  @ApiCreditCode({ nullable: true, required: true }) schoolId!: string | null;
  @ApiProperty({ example: '中国工商银行大同分行' }) bankName!: string;
  @ApiBusinessDate({
    nullable: true,
    required: true,
    description: 'Paid, as the statement or a payment by hand recorded it',
  })
  paidOn!: string | null;
  @ApiBusinessDate({ nullable: true, required: true, description: 'Sent back by the bank (退票)' })
  returnedOn!: string | null;
}

export class PaymentBatchViewDto extends PaymentBatchSummaryDto {
  @ApiProperty({ type: [PaymentBatchViewItemDto] }) items!: PaymentBatchViewItemDto[];
  @ApiProperty({ type: [BatchRefusalDto] }) refused!: BatchRefusalDto[];
}
