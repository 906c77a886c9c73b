import { ApiProperty } from '@nestjs/swagger';
import { ApiBusinessDate, ApiFen, ApiPosition } from '../../platform/openapi/api-fields.decorators';

export class CsvStatementDto {
  @ApiProperty({ enum: ['csv'] })
  format!: 'csv';

  @ApiProperty({
    example:
      'bookingDate,direction,amount,currency,bankRef,endToEndId,caseRef,returned\n2023-03-22,DBIT,5000.00,CNY,ICBC-20230322-0001,3f2c1a4e8d6b4c2a9e1f5b7d-1,,false\n',
    description:
      'UTF-8 CSV: the header shown, one booked entry a line, amounts in yuan with at most two decimals',
  })
  content!: string;
}

class LineDto {
  @ApiProperty({
    type: 'integer',
    example: 1,
    description: 'The entry (camt.053 `Ntry`) or CSV line, 1-based',
  })
  line!: number;
}

export class PaidLineDto extends LineDto {
  @ApiProperty({ example: '3f2c1a4e8d6b4c2a9e1f5b7d-1' })
  itemId!: string;

  @ApiProperty({ example: '7c9e6679-7425-40de-944b-e07fc1f90ae7.t1' })
  trancheId!: string;

  @ApiFen()
  amountFen!: number;
}

export class RecoveredLineDto extends LineDto {
  @ApiProperty({ example: '2b1c0a4e-8d6b-4c2a-9e1f-5b7d0a6c4e21' })
  caseId!: string;

  @ApiProperty({ example: '9f86d081884c7d65:3' })
  recoveryId!: string;

  @ApiFen()
  amountFen!: number;
}

export class UnmatchedLineDto extends LineDto {
  @ApiProperty({ example: 'amount 500001 fen, item 3f2c1a4e8d6b4c2a9e1f5b7d-1 is 500000 fen' })
  reason!: string;
}

export class StatementResultDto {
  @ApiProperty({
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    description: 'sha256 of the statement as sent: the same statement again changes nothing',
  })
  statementId!: string;

  @ApiBusinessDate()
  importedOn!: string;

  @ApiProperty({ type: 'integer', example: 3 })
  lines!: number;

  @ApiProperty({ type: [PaidLineDto] })
  paid!: PaidLineDto[];

  @ApiProperty({
    type: [PaidLineDto],
    description:
      'Returns (退票) recorded from the statement: the batch item (the payment) that came back; its tranche is payable again',
  })
  returned!: PaidLineDto[];

  @ApiProperty({ type: [RecoveredLineDto] })
  recovered!: RecoveredLineDto[];

  @ApiProperty({ type: [UnmatchedLineDto] })
  unmatched!: UnmatchedLineDto[];

  @ApiPosition()
  position!: number;
}
