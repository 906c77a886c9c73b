import {
  createParamDecorator,
  ExecutionContext,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiPropertyOptional, ApiQuery } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
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

/** A position from the query string: absent, or a non-negative safe integer; else 400 naming it. */
export function parsePositionParam(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const position = toPosition(value);
  if (isPosition(position)) return position;
  throw new RequestValidationException([
    { field: name, messages: [`${name} must be a non-negative integer`] },
  ]);
}

/**
 * Reads `?<name>=N` straight from the query string, strictly (`1e3`, `1.5`, `-1`
 * are 400), and documents it in OpenAPI. A custom decorator rather than a pipe on
 * `@Query()`: the global ValidationPipe would first turn `'1e3'` into 1000.
 *
 *   @Get(':id') get(@Param('id') id: string, @MinPosition() minPosition?: number)
 *   @Get() events(@QueryPosition('after') after?: number)
 */
export function QueryPosition(name: string): ParameterDecorator {
  return createParamDecorator(
    (_data: unknown, context: ExecutionContext) =>
      parsePositionParam(
        context
          .switchToHttp()
          .getRequest<FastifyRequest<{ Querystring: Record<string, unknown> }>>().query[name],
        name,
      ),
    [
      (target, key) => {
        if (key === undefined) return;
        const descriptor = Object.getOwnPropertyDescriptor(target, key);
        if (!descriptor) return;
        ApiQuery({
          name,
          required: false,
          schema: { type: 'integer', minimum: 0 },
          description:
            name === 'minPosition'
              ? 'Answer only once the read model has processed this global position (≤ 5 s, else 503)'
              : undefined,
        })(target, key, descriptor);
      },
    ],
  )();
}

/** `?minPosition=N` (see QueryPosition). */
export const MinPosition = (): ParameterDecorator => QueryPosition('minPosition');

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
