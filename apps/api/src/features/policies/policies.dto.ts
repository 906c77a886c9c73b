import { ApiBusinessDate } from '../../platform/openapi/api-fields.decorators';
import { IsOptional } from 'class-validator';
import { IsBusinessDate } from '../../ledger-core/ledger-validators';
import { MinPositionQueryDto } from '../../platform/http/min-position';

export class PoliciesQueryDto extends MinPositionQueryDto {
  @ApiBusinessDate({
    required: false,
    description: 'Only the version in force (within its validity) on this business date',
  })
  @IsOptional()
  @IsBusinessDate()
  inForceOn?: string;
}
