/**
 * Field decorators for the OpenAPI document: one per kind of value the ledger
 * speaks in, so that every `*Fen` is an integer, every date, month, ID number
 * and credit code carries its pattern, and every field has an example, without
 * repeating them on each DTO. They document only; validation stays with
 * class-validator (`ledger-core/ledger-validators.ts`).
 *
 *   @ApiFen({ description: 'Amount approved' }) approvedFen!: number;
 *   @ApiBusinessDate({ required: false }) asOf?: string;
 *   @ApiMonths() wageMonths!: string[];
 *   @ApiResidentId() personId!: string;       // masked example where the view masks
 *   @ApiCreditCode() enterpriseId!: string;
 *   @ApiResidentIdParam('personId')           // on a route: `/v1/persons/:personId/cap`
 *
 * Each takes the options of `@ApiProperty` (`required: false` for optional
 * fields; `example`, `description` override the defaults).
 */
import { ApiParam, ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';

export const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
export const MONTH_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])$';
/** GB 11643: 17 digits and a check character (digit or X); the check digit itself is checked by the API. */
export const RESIDENT_ID_PATTERN = '^\\d{17}[\\dXx]$';
/** What a masked view shows (`libs/audit/src/mask.ts`): the first 6 and last 4 characters. */
export const MASKED_RESIDENT_ID_PATTERN = '^(\\d{17}[\\dXx]|\\d{6}\\*{8}\\d{3}[\\dXx])$';
/** GB 32100: 18 characters of `0-9A-HJ-NPQRTUWXY`, positions 3-8 digits. */
export const CREDIT_CODE_PATTERN = '^[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}$';

export const EXAMPLE_DATE = '2023-03-01';
export const EXAMPLE_MONTH = '2023-01';
export const EXAMPLE_RESIDENT_ID = '140202199001011234';
export const EXAMPLE_MASKED_RESIDENT_ID = '140202********1234';
export const EXAMPLE_CREDIT_CODE = '911402000000000192';
export const EXAMPLE_TIMESTAMP = '2023-03-01T08:30:00.000Z';
export const EXAMPLE_UUID = '3f2c1a4e-8d6b-4c2a-9e1f-5b7d0a6c4e21';

type Options = ApiPropertyOptions & { required?: boolean };

/** `@ApiProperty` with defaults under the caller's options; `required` defaults to true. */
const property = (defaults: Record<string, unknown>, options: Options = {}): PropertyDecorator =>
  ApiProperty({ required: true, ...defaults, ...options } as ApiPropertyOptions);

/** An amount in integer fen (1 yuan = 100 fen). */
export const ApiFen = (options: Options = {}) =>
  property(
    { type: 'integer', format: 'int64', minimum: 0, example: 250_000, description: 'Integer fen' },
    options,
  );

/** A signed amount in integer fen (a balance after clawbacks may be negative). */
export const ApiSignedFen = (options: Options = {}) =>
  property(
    { type: 'integer', format: 'int64', example: -50_000, description: 'Integer fen' },
    options,
  );

/** A business date `YYYY-MM-DD` (a calendar date in Asia/Shanghai, never a time). */
export const ApiBusinessDate = (options: Options = {}) =>
  property(
    { type: 'string', format: 'date', pattern: DATE_PATTERN, example: EXAMPLE_DATE },
    options,
  );

/** A month `YYYY-MM`. */
export const ApiMonth = (options: Options = {}) =>
  property({ type: 'string', pattern: MONTH_PATTERN, example: EXAMPLE_MONTH }, options);

/** A list of months `YYYY-MM`. */
export const ApiMonths = (options: Options = {}) =>
  property(
    {
      type: 'array',
      items: { type: 'string', pattern: MONTH_PATTERN },
      example: ['2023-01', '2023-02'],
    },
    options,
  );

/** A resident ID number (身份证号, 18 characters with check digit) as sent in a request. */
export const ApiResidentId = (options: Options = {}) =>
  property(
    {
      type: 'string',
      pattern: RESIDENT_ID_PATTERN,
      minLength: 18,
      maxLength: 18,
      example: EXAMPLE_RESIDENT_ID,
      description: 'Resident ID number (GB 11643, 18 characters, check digit verified)',
    },
    options,
  );

/** A resident ID number in a view: clear for reviewer and supervisor, masked for the rest. */
export const ApiMaskedResidentId = (options: Options = {}) =>
  property(
    {
      type: 'string',
      pattern: MASKED_RESIDENT_ID_PATTERN,
      minLength: 18,
      maxLength: 18,
      example: EXAMPLE_MASKED_RESIDENT_ID,
      description: 'Resident ID number; masked (first 6, last 4) unless the reader may see it',
    },
    options,
  );

/** A unified social credit code (统一社会信用代码, GB 32100); enterprises and schools are keyed by it. */
export const ApiCreditCode = (options: Options = {}) =>
  property(
    {
      type: 'string',
      pattern: CREDIT_CODE_PATTERN,
      minLength: 18,
      maxLength: 18,
      example: EXAMPLE_CREDIT_CODE,
      description:
        'Unified social credit code (GB 32100, 18 characters, check characters verified)',
    },
    options,
  );

/** A recorded instant (ISO 8601, UTC): when the ledger learnt something. */
export const ApiTimestamp = (options: Options = {}) =>
  property({ type: 'string', format: 'date-time', example: EXAMPLE_TIMESTAMP }, options);

/** An id the ledger made (a UUID). */
export const ApiUuid = (options: Options = {}) =>
  property({ type: 'string', format: 'uuid', example: EXAMPLE_UUID }, options);

/**
 * The log position after a command (or of the read model): pass it as
 * `?minPosition=` to read your own write.
 */
export const ApiPosition = (options: Options = {}) =>
  property(
    {
      type: 'integer',
      minimum: 0,
      example: 42,
      description: 'Log position of the write; pass as `?minPosition=` to read your own write',
    },
    options,
  );

/** A path parameter that is a resident ID number. */
export const ApiResidentIdParam = (name: string) =>
  ApiParam({
    name,
    schema: { type: 'string', pattern: RESIDENT_ID_PATTERN, minLength: 18, maxLength: 18 },
    example: EXAMPLE_RESIDENT_ID,
    description: 'Resident ID number (GB 11643); never logged, masked in the answer',
  });

/** A path parameter that is a unified social credit code (an enterprise or school id). */
export const ApiCreditCodeParam = (name: string, description = 'Unified social credit code') =>
  ApiParam({
    name,
    schema: { type: 'string', pattern: CREDIT_CODE_PATTERN, minLength: 18, maxLength: 18 },
    example: EXAMPLE_CREDIT_CODE,
    description,
  });
