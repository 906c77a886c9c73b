import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsBusinessDate } from '../../ledger-core/ledger-validators';
import { MinPositionQueryDto } from '../../platform/http/min-position';

export class PoliciesQueryDto extends MinPositionQueryDto {
  @ApiPropertyOptional({
    description: 'Only the version in force (within its validity) on this business date',
  })
  @IsOptional()
  @IsBusinessDate()
  inForceOn?: string;
}
