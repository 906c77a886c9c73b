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
  @ApiProperty({ type: [String], example: ['3f2c1a4e-8d6b-4c2a-9e1f-5b7d0a6c4e21.t1'] })
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

  @ApiPropertyOptional({
    example: '3f2c1a4e-8d6b-4c2a-9e1f-5b7d0a6c4e21.c1',
    description: 'The claim objected to; none: the whole list',
  })
  @IsOptional()
  @IsString()
  @MaxLength(NAME_MAX)
  claimId?: string;

  @ApiProperty({ example: '举报人称张三已于 2023 年 1 月离职' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  text!: string;
}

export class ResolveObjectionDto {
  @ApiBusinessDate()
  @IsBusinessDate()
  resolvedOn!: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  upheld!: boolean;

  @ApiProperty({ example: '经核实，张三 2023 年 1 月起未在岗' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(TEXT_MAX)
  reason!: string;
}
