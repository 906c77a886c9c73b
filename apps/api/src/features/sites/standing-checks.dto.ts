import { ApiProperty } from '@nestjs/swagger';
import { ApiBusinessDate } from '../../platform/openapi/api-fields.decorators';
import { IsBoolean, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { REF_MAX } from '../../ledger-core/dto-limits';
import { IsBusinessDate } from '../../ledger-core/ledger-validators';

/** R-SITE-COND: what a reviewer found when checking an enterprise's standing. */
export class RecordStandingCheckDto {
  @ApiBusinessDate({ example: '2023-03-01' })
  @IsBusinessDate()
  checkedOn!: string;

  @ApiProperty({ description: 'The enterprise operates normally', example: true })
  @IsBoolean()
  normalOperation!: boolean;

  @ApiProperty({ description: 'The enterprise has a bad credit record', example: false })
  @IsBoolean()
  badCreditRecord!: boolean;

  @ApiProperty({ example: '信用中国', description: 'Where the check was made' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REF_MAX)
  source!: string;
}
