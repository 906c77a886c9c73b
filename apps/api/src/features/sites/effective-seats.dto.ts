import { ApiProperty } from '@nestjs/swagger';
import {
  ApiBusinessDate,
  ApiMonths,
  ApiResidentId,
} from '../../platform/openapi/api-fields.decorators';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { MONTHS_MAX, NAME_MAX, REF_MAX } from '../../ledger-core/dto-limits';
import { IsBusinessDate, IsMonthString, IsResidentId } from '../../ledger-core/ledger-validators';

/** Limits on the roster (R-EFF requests): a request never grows without bound. */
export const SEATS_MAX = 20_000;
export const OCCUPANTS_MAX = 12;

export class OccupantDto {
  @ApiResidentId({ description: 'Resident ID number (GB 11643)' })
  @IsResidentId()
  personId!: string;

  @ApiProperty({ example: '张三' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(NAME_MAX)
  name!: string;

  @ApiMonths({ example: ['2023-01', '2023-02'] })
  @IsArray()
  @ArrayMaxSize(MONTHS_MAX)
  @IsMonthString()
  wageMonths!: string[];

  @ApiMonths({ example: ['2023-01', '2023-02'] })
  @IsArray()
  @ArrayMaxSize(MONTHS_MAX)
  @IsMonthString()
  insuranceMonths!: string[];
}

export class EffectiveSeatDto {
  @ApiProperty({ example: 'A-017', description: "The enterprise's own name for the seat" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REF_MAX)
  seatRef!: string;

  @ApiProperty({ type: [OccupantDto], description: 'One employee, or up to 3 in turn (R-EFF)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(OCCUPANTS_MAX)
  @ValidateNested({ each: true })
  @Type(() => OccupantDto)
  occupants!: OccupantDto[];
}

export class RecognizeEffectiveSeatsDto {
  @ApiBusinessDate({ example: '2024-01-10' })
  @IsBusinessDate()
  recognizedOn!: string;

  @ApiProperty({
    type: [EffectiveSeatDto],
    description: 'The whole roster: the count from `recognizedOn` is the seats recognised here',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SEATS_MAX)
  @ValidateNested({ each: true })
  @Type(() => EffectiveSeatDto)
  seats!: EffectiveSeatDto[];
}
