import { ApiProperty } from '@nestjs/swagger';
import { ApiBusinessDate, ApiFen } from '../../platform/openapi/api-fields.decorators';
import { IsNotEmpty, IsString, Max, MaxLength } from 'class-validator';
import { NAME_MAX, TRANSFER_FEN_MAX } from '../../ledger-core/dto-limits';
import { IsBusinessDate, IsFen } from '../../ledger-core/ledger-validators';

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
