import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { toInteger } from '../../ledger-core/to-integer.transform';
import { IsInt, IsNotEmpty, IsString, Max, MaxLength, Min } from 'class-validator';
import { REF_MAX, TRANSFER_FEN_MAX } from '../../ledger-core/dto-limits';
import { IsBusinessDate, IsFen } from '../../ledger-core/ledger-validators';
import { MinPositionDto } from '../../ledger-core/query.dto';
import {
  ApiBusinessDate,
  ApiFen,
  ApiPosition,
  ApiUuid,
} from '../../platform/openapi/api-fields.decorators';

export class RecordRemittanceDto {
  @ApiProperty({
    type: 'integer',
    minimum: 2000,
    maximum: 2100,
    example: 2023,
    description: 'The year the money was recovered in',
  })
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear!: number;

  @ApiBusinessDate()
  @IsBusinessDate()
  remittedOn!: string;

  @ApiFen({ minimum: 1, maximum: TRANSFER_FEN_MAX })
  @IsFen()
  @Min(1)
  @Max(TRANSFER_FEN_MAX)
  amountFen!: number;

  @ApiProperty({
    example: '缴库-2023-0042',
    description: 'The treasury receipt (缴款书) reference',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REF_MAX)
  treasuryRef!: string;
}

export class RemittancesQueryDto extends MinPositionDto {
  @ApiProperty({ type: 'integer', minimum: 2000, maximum: 2100, example: 2023 })
  @Transform(toInteger)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear!: number;
}

export class RemittanceRecordedDto {
  @ApiUuid()
  remittanceId!: string;

  @ApiPosition()
  position!: number;
}

export class RemittanceDto {
  @ApiUuid()
  remittanceId!: string;

  @ApiBusinessDate()
  remittedOn!: string;

  @ApiFen()
  amountFen!: number;

  @ApiProperty({ example: '缴库-2023-0042' })
  treasuryRef!: string;
}

export class RemittancesDto {
  @ApiProperty({ type: 'integer', example: 2023 })
  fiscalYear!: number;

  @ApiFen({ description: 'Recovered in the year (R-FRAUD recoveries), integer fen' })
  recoveredFen!: number;

  @ApiFen({ description: 'Remitted to the treasury, integer fen' })
  remittedFen!: number;

  @ApiFen({ description: 'Recovered and not yet remitted, integer fen' })
  notRemittedFen!: number;

  @ApiProperty({ type: [RemittanceDto] })
  remittances!: RemittanceDto[];
}
