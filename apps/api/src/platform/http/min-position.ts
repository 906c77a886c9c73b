import {
  ArgumentMetadata,
  Injectable,
  PipeTransform,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { RequestValidationException } from './validation';

/** How long a query waits for its read model by default (API.md: at most 5 s). */
export const MIN_POSITION_WAIT_MS = 5000;
export const RETRY_AFTER_SECONDS = 1;
const POLL_MS_FIRST = 5;
const POLL_MS_MAX = 100;

/** 503 with `Retry-After`: the read model has not processed the asked position yet. */
export class ReadModelBehindException extends ServiceUnavailableException {
  readonly retryAfterSeconds = RETRY_AFTER_SECONDS;

  constructor(
    readonly minPosition: number,
    readonly checkpoint: number,
  ) {
    super(
      `The read model has processed position ${checkpoint}, not yet ${minPosition}; retry shortly`,
    );
  }
}

const isPosition = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once `checkpoint()` reaches `minPosition` (at once when it is
 * undefined); throws ReadModelBehindException after `timeoutMs`.
 *
 *   await awaitMinPosition(minPosition, () => this.balances.checkpoint());
 */
export async function awaitMinPosition(
  minPosition: number | undefined,
  checkpoint: () => Promise<number> | number,
  timeoutMs = MIN_POSITION_WAIT_MS,
): Promise<void> {
  if (minPosition === undefined) return;
  if (!isPosition(minPosition)) {
    throw new RequestValidationException([
      { field: 'minPosition', messages: ['minPosition must be a non-negative integer'] },
    ]);
  }
  const deadline = Date.now() + timeoutMs;
  let pollMs = POLL_MS_FIRST;
  for (;;) {
    const reached = await checkpoint();
    if (reached >= minPosition) return;
    const leftMs = deadline - Date.now();
    if (leftMs <= 0) throw new ReadModelBehindException(minPosition, reached);
    await sleep(Math.min(pollMs, leftMs));
    pollMs = Math.min(pollMs * 2, POLL_MS_MAX);
  }
}

const DIGITS = /^\d{1,16}$/;

/** `'12'` → 12; anything else is left for the validators to refuse. */
const toPosition = (value: unknown): unknown =>
  typeof value === 'string' && DIGITS.test(value) ? Number(value) : value;

/**
 * Parses a position from the query string: a non-negative safe integer, absent
 * allowed; else 400 naming the parameter.
 *
 *   @Get(':id') get(@Param('id') id: string,
 *     @Query('minPosition', ParsePositionPipe) minPosition?: number)
 */
@Injectable()
export class ParsePositionPipe implements PipeTransform<unknown, number | undefined> {
  transform(value: unknown, metadata: ArgumentMetadata): number | undefined {
    if (value === undefined) return undefined;
    const position = toPosition(value);
    if (isPosition(position)) return position;
    const field = metadata.data ?? 'minPosition';
    throw new RequestValidationException([
      { field, messages: [`${field} must be a non-negative integer`] },
    ]);
  }
}

/** For query DTOs: `class BalanceQuery extends MinPositionQueryDto { … }`. */
export class MinPositionQueryDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    description:
      'Answer only once the read model has processed this global position (≤ 5 s, else 503)',
  })
  @IsOptional()
  @Transform(({ value }) => toPosition(value))
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  minPosition?: number;
}
