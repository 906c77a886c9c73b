import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiBusinessDate } from '../../platform/openapi/api-fields.decorators';
import { IsIn, IsNotEmpty, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { REF_MAX, TEXT_MAX } from '../../ledger-core/dto-limits';
import { IsBusinessDate } from '../../ledger-core/ledger-validators';

export class ProposeSpecialTermsDto {
  @ApiProperty({ example: '同政办函〔2023〕12号', description: 'The decision document' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REF_MAX)
  documentRef!: string;

  @ApiProperty({
    enum: ['top-enterprise', 'outsourcing'],
    description: 'Art. 14: Top 500 / Top 20 with a 500+ seat site, or outsourcing with 1,000+',
  })
  @IsIn(['top-enterprise', 'outsourcing'])
  basis!: 'top-enterprise' | 'outsourcing';

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'The parameters overridden, as a partial policy: seat.{minSeats, firstTrancheMonths, firstTrancheMonthsTrialFirstApplication, monthsPerLaterTranche}, effectiveSeat.*, site.* (see GET /v1/policies)',
    example: { site: { renovationCapFen: 800_000_000 } },
  })
  @IsObject()
  overrides!: Record<string, unknown>;

  @ApiBusinessDate({ example: '2023-01-01' })
  @IsBusinessDate()
  validFrom!: string;

  @ApiBusinessDate({ example: '2027-12-31' })
  @IsBusinessDate()
  validTo!: string;

  @ApiBusinessDate({
    required: false,
    description: 'Business date of the proposal; defaults to today',
  })
  @IsOptional()
  @IsBusinessDate()
  proposedOn?: string;

  @ApiPropertyOptional({ example: 'Art. 14: Top 500, 600-seat self-built site' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  note?: string;
}

export class ConfirmSpecialTermsDto {
  @ApiBusinessDate({
    required: false,
    description: 'Business date of the confirmation; defaults to today',
  })
  @IsOptional()
  @IsBusinessDate()
  confirmedOn?: string;
}
