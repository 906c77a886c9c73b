import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ApiMonths, ApiResidentId } from '../platform/openapi/api-fields.decorators';
import { MONTHS_MAX, NAME_MAX } from './dto-limits';
import { IsMonthString, IsResidentId } from './ledger-validators';

/**
 * A person and the months their wages and social insurance were paid: what a
 * seat claim (R-SEAT-2) and an effective seat's occupant (R-EFF) both state,
 * so both are checked by the same constraints.
 */
export class PersonMonthsDto {
  @ApiResidentId({
    description: 'Resident ID number (GB 11643); shown masked outside reviewer/supervisor',
  })
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
