import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiBusinessDate } from '../../platform/openapi/api-fields.decorators';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
} from 'class-validator';
import { NAME_MAX, TEXT_MAX } from '../../ledger-core/dto-limits';
import { IsBusinessDate } from '../../ledger-core/ledger-validators';

/** A website address or the description of a notice board. */
export const PUBLISHED_AT_MAX = 500;

export class OpenPublicityDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1_000)
  @IsString({ each: true })
  @MaxLength(NAME_MAX, { each: true })
  trancheIds!: string[];

  @ApiBusinessDate({ example: '2023-03-16' })
  @IsBusinessDate()
  startsOn!: string;

  @ApiBusinessDate({ example: '2023-03-22' })
  @IsBusinessDate()
  endsOn!: string;

  @ApiPropertyOptional({
    example: 'https://www.dt.gov.cn/gsgg/2023/0316.html',
    description: 'R-PUB: where the notice is posted (website address or notice board)',
  })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(PUBLISHED_AT_MAX)
  publishedAt?: string;
}

export class RaiseObjectionDto {
  @ApiBusinessDate()
  @IsBusinessDate()
  raisedOn!: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(NAME_MAX)
  claimId?: string;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  text!: string;
}

export class ResolveObjectionDto {
  @ApiBusinessDate()
  @IsBusinessDate()
  resolvedOn!: string;

  @ApiProperty()
  @IsBoolean()
  upheld!: boolean;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  reason!: string;
}
