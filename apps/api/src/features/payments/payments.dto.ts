import { ApiProperty } from '@nestjs/swagger';
import { ApiBusinessDate, ApiFen } from '../../platform/openapi/api-fields.decorators';
import { IsNotEmpty, IsString, Max, MaxLength } from 'class-validator';
import { NAME_MAX, TEXT_MAX, TRANSFER_FEN_MAX } from '../../ledger-core/dto-limits';
import { IsBusinessDate, IsFen } from '../../ledger-core/ledger-validators';
import {
  acceptBodyFast,
  businessDateField,
  fenField,
  nonEmptyTextField,
} from '../../platform/http/fast-body-accept';

export class RecordDisbursementDto {
  @ApiBusinessDate()
  @IsBusinessDate()
  paidOn!: string;

  /** At most the largest tranche any programme pays (TRANSFER_FEN_MAX, dto-limits.ts). */
  @ApiFen({
    description: 'Integer fen, at most 10^12 (the largest possible tranche)',
    example: 250000,
    maximum: TRANSFER_FEN_MAX,
  })
  @IsFen()
  @Max(TRANSFER_FEN_MAX)
  amountFen!: number;

  @ApiProperty({ example: 'ICBC-2023-000123' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  bankRef!: string;
}

// A payment is one of the two commands of issue #16 goal 2.
acceptBodyFast(RecordDisbursementDto, {
  paidOn: businessDateField,
  amountFen: fenField(TRANSFER_FEN_MAX),
  bankRef: nonEmptyTextField(NAME_MAX),
});

/** A payment the bank sent back (退票, issue #14): the tranche is payable again. */
export class ReturnDisbursementDto {
  @ApiBusinessDate({ example: '2023-04-12' })
  @IsBusinessDate()
  returnedOn!: string;

  /** The bank's reference of the transfer that came back: counted once, like every transfer. */
  @ApiProperty({ example: 'ICBC-2023-R-000045' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  bankRef!: string;

  @ApiProperty({ example: '收款账户已销户' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  reason!: string;
}
