import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { WORK_LIST_LIMITS } from '@ledger/projections';
import { IsCreditCode } from '../../ledger-core/ledger-validators';
import {
  CREDIT_CODE_PATTERN,
  EXAMPLE_CREDIT_CODE,
  EXAMPLE_TIMESTAMP,
} from '../../platform/openapi';

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
    description:
      'Only events with a global position greater than this (0: from the start); ' +
      'in the work-list form only on the first page (the cursor says where to go on)',
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
    description:
      `Events a page: ${AUDIT_EVENTS_LIMIT_DEFAULT} by default, at most ${AUDIT_EVENTS_LIMIT_MAX}; ` +
      `in the work-list form ${WORK_LIST_LIMITS.limitDefault} by default, at most ${WORK_LIST_LIMITS.limitMax}`,
  })
  @IsOptional()
  @Transform(toInteger)
  @IsInt()
  @Min(1)
  @Max(AUDIT_EVENTS_LIMIT_MAX)
  limit?: number;

  @ApiPropertyOptional({
    description:
      'The `nextCursor` of the previous page, with the same filters (opaque; 400 otherwise). ' +
      'Given, or with any filter, the answer is a page `{items, nextCursor}`',
    pattern: '^[A-Za-z0-9_-]+$',
    maxLength: 2048,
  })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be a cursor a page of this list gave' })
  cursor?: string;

  @ApiPropertyOptional({
    description: 'Only the events of this stream',
    maxLength: 200,
    example: `enterprise-${EXAMPLE_CREDIT_CODE}`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  stream?: string;

  @ApiPropertyOptional({
    description: 'Only the events that name this enterprise (`data.enterpriseId`)',
    pattern: CREDIT_CODE_PATTERN,
    example: EXAMPLE_CREDIT_CODE,
  })
  @IsOptional()
  @IsCreditCode()
  enterpriseId?: string;

  @ApiPropertyOptional({ description: 'Only events of this type', example: 'TrancheDisbursed' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z]{1,100}$/, { message: 'type must be an event type name' })
  type?: string;

  @ApiPropertyOptional({
    description: 'Only events recorded at or after this instant (ISO 8601)',
    format: 'date-time',
    example: EXAMPLE_TIMESTAMP,
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  fromRecorded?: string;

  @ApiPropertyOptional({
    description: 'Only events recorded at or before this instant (ISO 8601)',
    format: 'date-time',
    example: EXAMPLE_TIMESTAMP,
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  toRecorded?: string;
}
