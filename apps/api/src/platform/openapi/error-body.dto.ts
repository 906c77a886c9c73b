import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ErrorBody } from '../http/error-body';

/** One field's problems in a 400 (`details` of a validation error). */
export class FieldErrorDto {
  @ApiProperty({ example: 'claims.0.personId' })
  field!: string;

  @ApiProperty({
    type: [String],
    example: ['claims.0.personId is not a valid resident ID number: check digit is wrong'],
  })
  messages!: string[];
}

/**
 * The one error body of the API (`LedgerExceptionFilter`). Documented as a class
 * so that every error response in the OpenAPI document points at one schema.
 */
export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ type: 'integer', example: 422, minimum: 400, maximum: 599 })
  statusCode!: number;

  @ApiProperty({ description: 'The HTTP reason phrase', example: 'Unprocessable Entity' })
  error!: string;

  @ApiProperty({
    description:
      'What went wrong, in English, or in Chinese with `Accept-Language: zh-CN`; ' +
      'amounts in yuan; never an ID number in clear',
    example: 'R-SEAT-5: the person would exceed the 10,000.00 yuan seat-subsidy cap',
  })
  message!: string;

  @ApiPropertyOptional({
    description: 'The RULES.md rule that refused the request',
    example: 'R-SEAT-5',
  })
  rule?: string;

  @ApiPropertyOptional({
    description: 'The policy article the rule comes from (Chinese bodies only)',
    example: '第四条',
  })
  article?: string;

  @ApiPropertyOptional({
    description:
      'A 400 lists one entry per field (`FieldError`); a refusal may add what it counted',
    oneOf: [
      { type: 'array', items: { $ref: '#/components/schemas/FieldErrorDto' } },
      { type: 'object', additionalProperties: true },
    ],
    example: [{ field: 'seats', messages: ['seats must be an integer number'] }],
  })
  details?: unknown;
}
