import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { NAME_MAX } from '../../ledger-core/dto-limits';
import { IsBusinessDate, IsFen } from '../../ledger-core/ledger-validators';

export class RecordDisbursementDto {
  @ApiProperty()
  @IsBusinessDate()
  paidOn!: string;

  @ApiProperty({ description: 'Integer fen', example: 250000 })
  @IsFen()
  amountFen!: number;

  @ApiProperty({ example: 'ICBC-2023-000123' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  bankRef!: string;
}
