/**
 * For `@Transform`: a query-string integer ("2023") becomes a number; anything
 * else is left for the validators to refuse. `@Type(() => Number)` called
 * `Number()` on whatever came, and an object without a prototype made that
 * throw (a 500, found by the DTO fuzz tier).
 */
export const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value;
