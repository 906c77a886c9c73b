import { ApiProperty } from '@nestjs/swagger';
import { ApiBusinessDate } from '../../platform/openapi/api-fields.decorators';
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
import { REF_MAX } from '../../ledger-core/dto-limits';
import { IsBusinessDate } from '../../ledger-core/ledger-validators';
import { PersonMonthsDto } from '../../ledger-core/person-months.dto';

/** Limits on the roster (R-EFF requests): a request never grows without bound. */
export const SEATS_MAX = 20_000;
export const OCCUPANTS_MAX = 12;

/** One person of the seat (the shared constraints: `PersonMonthsDto`). */
export class OccupantDto extends PersonMonthsDto {}

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
