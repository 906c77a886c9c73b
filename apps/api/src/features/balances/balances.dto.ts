import { ApiBusinessDate, ApiTimestamp } from '../../platform/openapi/api-fields.decorators';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsBusinessDate } from '../../ledger-core/ledger-validators';
import { MinPositionQueryDto } from '../../platform/http/min-position';
import {
  acceptQueryFast,
  businessDateParam,
  positionParam,
  textParam,
} from '../../platform/http/fast-query-accept';

/** `?asOf` (business date), `?asKnownAt` (recorded time) and `?minPosition` on every balance. */
export class BalanceQueryDto extends MinPositionQueryDto {
  @ApiBusinessDate({ required: false, description: 'Business date; defaults to today' })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;

  @ApiTimestamp({ required: false, description: 'ISO-8601 recorded time; defaults to now' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  asKnownAt?: string;
}

// The balance and person-cap GETs are the API's hottest reads (issue #16).
acceptQueryFast(BalanceQueryDto, {
  asOf: businessDateParam,
  asKnownAt: textParam(40),
  minPosition: positionParam,
});
