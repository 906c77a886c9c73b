import { ApiBusinessDate } from '../platform/openapi/api-fields.decorators';
import { IsOptional } from 'class-validator';
import { MinPositionQueryDto } from '../platform/http/min-position';
import {
  acceptQueryFast,
  businessDateParam,
  positionParam,
} from '../platform/http/fast-query-accept';
import { IsBusinessDate } from './ledger-validators';

/** `?minPosition=N` on every query (API.md). */
export class MinPositionDto extends MinPositionQueryDto {}

/** `?asOf=YYYY-MM-DD` (default today) and `?minPosition=N`. */
export class AsOfQueryDto extends MinPositionQueryDto {
  @ApiBusinessDate({ required: false, description: 'Business date; defaults to today' })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;
}

acceptQueryFast(MinPositionDto, { minPosition: positionParam });
acceptQueryFast(AsOfQueryDto, { asOf: businessDateParam, minPosition: positionParam });
