import type { Type } from '@nestjs/common';
import { isBusinessDate } from '@ledger/domain';

/** One body field: true when class-validator would pass the value as it is. */
export type BodyFieldAccept = (value: unknown) => boolean;

const acceptsByDto = new Map<Type, ReadonlyMap<string, BodyFieldAccept>>();

/**
 * A short cut through the global ValidationPipe for a hot command's body DTO
 * (issue #16 goal 2: class-transformer and class-validator cost ~4 % of a
 * command's CPU). Like the query short cut (fast-query-accept.ts) it only
 * ever accepts: a body that has every field, no other, and each value its
 * check vouches for becomes the DTO the pipe would have made; anything else
 * (a missing, unknown or bad field) goes through class-validator, so every
 * 400 is the one it gives. Only DTOs whose fields are all required: a
 * missing optional field would need its own rule here. The checks must
 * accept no value the DTO's decorators refuse: `fast-body-accept.fuzz.spec.ts`
 * compares them.
 */
export function acceptBodyFast<T extends object>(
  dto: Type<T>,
  fields: { [K in keyof T]-?: BodyFieldAccept },
): void {
  acceptsByDto.set(dto, new Map(Object.entries(fields) as [string, BodyFieldAccept][]));
}

/** The DTO for `body` when it has exactly the fields and each passes its check, else `undefined`. */
export function fastAcceptBody(dto: Type | undefined, body: unknown): object | undefined {
  const fields = dto && acceptsByDto.get(dto);
  if (!fields || body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const keys = Object.keys(body);
  // Keys are distinct, so as many as the fields, each one of them, is all of them.
  if (keys.length !== fields.size) return undefined;
  for (const key of keys) {
    const accept = fields.get(key);
    if (!accept || !accept((body as Record<string, unknown>)[key])) return undefined;
  }
  // class-transformer copies the body's own keys, in their order, onto a new DTO.
  return Object.assign(new dto() as object, body);
}

/** `@IsBusinessDate()`. */
export const businessDateField: BodyFieldAccept = (value) => isBusinessDate(value);

/** `@IsInt() @Min(min) @Max(max)`. */
export const integerField =
  (min: number, max: number): BodyFieldAccept =>
  (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

/** `@IsFen() @Max(max)`: a whole, non-negative number of fen. */
export const fenField =
  (max: number): BodyFieldAccept =>
  (value) =>
    typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= max;

/**
 * `@IsString() @IsNotEmpty() @MaxLength(max)`. MaxLength counts a surrogate
 * pair as one character, so at most `max` UTF-16 units is never more than it
 * allows; a longer string goes to class-validator.
 */
export const nonEmptyTextField =
  (max: number): BodyFieldAccept =>
  (value) =>
    typeof value === 'string' && value !== '' && value.length <= max;
