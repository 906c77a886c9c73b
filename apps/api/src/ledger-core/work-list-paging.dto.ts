import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { WORK_LIST_LIMITS } from '@ledger/projections';
import { MinPositionQueryDto } from '../platform/http/min-position';
import { toInteger } from './to-integer.transform';

/** `?limit=` and `?cursor=` of every work list (API.md "Work lists"). */
export class WorkListPagingDto extends MinPositionQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: WORK_LIST_LIMITS.limitMax,
    default: WORK_LIST_LIMITS.limitDefault,
    example: 50,
  })
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(WORK_LIST_LIMITS.limitMax)
  limit?: number;

  @ApiPropertyOptional({
    description:
      'The `nextCursor` of the previous page, with the same filters (opaque; 400 otherwise)',
    pattern: '^[A-Za-z0-9_-]+$',
    maxLength: 2048,
    example: 'WyJzdGF0dXM9cGFpZCIsIjAwMDAwMDAwMDAwMDAwNDJcdGFiYy50MSJd',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a cursor a page of this list gave' })
  cursor?: string;
}
