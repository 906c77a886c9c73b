import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `GET /v1/audit/events`: at most this many events per page (API.md "Audit"). */
export const AUDIT_EVENTS_LIMIT_DEFAULT = 100;
export const AUDIT_EVENTS_LIMIT_MAX = 1_000;

const DIGITS = /^\d{1,16}$/;
/** `'12'` → 12; `1e3`, `1.5`, `-1`, `x` are left for the validators to refuse. */
const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && DIGITS.test(value) ? Number(value) : value;

export class AuditEventsQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description: 'Only events with a global position greater than this (0: from the start)',
  })
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  after?: number;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: AUDIT_EVENTS_LIMIT_MAX,
    default: AUDIT_EVENTS_LIMIT_DEFAULT,
  })
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(AUDIT_EVENTS_LIMIT_MAX)
  limit?: number;
}
