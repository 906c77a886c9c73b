/**
 * One decorator per operation documents all its answers in the OpenAPI
 * document: the success body (a DTO class), and every error status with the
 * one error body (`ErrorBodyDto`). `test/openapi-completeness.unit.spec.ts`
 * fails for an operation that lacks them.
 *
 *   @Post(':id/review')
 *   @HttpCode(200)
 *   @Roles('reviewer')                      // documents 401 and 403
 *   @LedgerCommand({
 *     summary: 'ReviewApplication: …',
 *     response: ReviewResultDto,            // success body; `status` 200 with @HttpCode(200), else 201
 *     status: 200,
 *     errors: [404, 422, 423],              // beyond 400, 409, 503, which every command can answer
 *   })
 *
 *   @Get(':id')
 *   @LedgerQuery({ summary: '…', response: SeatApplicationViewDto, errors: [404] })  // 400, 503 always
 *
 * A list answer: `response: [ItemDto]`; a work list's page (`{ items, nextCursor }`,
 * API.md "Work lists"): `response: PageOf(ItemDto)`. A route without a token (`@Public`)
 * answers no 401/403; one with `@Roles` gets them from `@Roles`. A route that answers one of
 * several shapes (by its query): `response: OneOf([ItemDto], PageOf(ItemDto))`. Put
 * `@LedgerCommand`/`@LedgerQuery` below `@Roles` or above: both orders work.
 */
import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOperation,
  ApiOperationOptions,
  ApiProperty,
  ApiResponse,
  ApiResponseOptions,
  ApiUnauthorizedResponse,
  ApiForbiddenResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { ErrorBodyDto, FieldErrorDto } from './error-body.dto';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 422 | 423 | 503;

/** What each error status means in this API; an operation may say more. */
export const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'Bad input: `details` names each field and its problem',
  401: 'No token, or a bad or expired one',
  403: 'The role may not call this, or the applicant asks for another enterprise',
  404: 'Unknown id',
  409: 'Concurrent write lost (retry), a duplicate, or an Idempotency-Key reused with another body',
  422: 'Refused by a policy rule: `rule` names it (RULES.md), `article` in Chinese bodies',
  423: 'The enterprise or school is suspended by an open fraud case (R-FRAUD)',
  503: 'Storage full, the store unreachable, or the read model behind `minPosition` (`Retry-After`)',
};

/** Documents error answers with the error body schema. */
export const ApiErrors = (...statuses: ErrorStatus[]) =>
  applyDecorators(
    ApiExtraModels(ErrorBodyDto, FieldErrorDto),
    ...statuses.map((status) =>
      ApiResponse({ status, description: ERROR_DESCRIPTIONS[status], type: ErrorBodyDto }),
    ),
  );

/** The 401 and 403 of a route that needs a token; used by `@Roles`. */
export const ApiAuthErrors = (rolesAllowed: string) =>
  applyDecorators(
    ApiExtraModels(ErrorBodyDto, FieldErrorDto),
    ApiUnauthorizedResponse({ description: ERROR_DESCRIPTIONS[401], type: ErrorBodyDto }),
    ApiForbiddenResponse({ description: `Roles allowed: ${rolesAllowed}`, type: ErrorBodyDto }),
  );

/** `@ApiOperation`'s options (summary, description, operationId, …) and the answers. */
export interface LedgerOperationOptions extends ApiOperationOptions {
  summary: string;
  /** The success body: a DTO class, `[ItemDto]` for a list, or `OneOf(…)` of those. */
  response: Type<unknown> | [Type<unknown>] | OneOfResponse;
  /** Success status: 201 for a POST without `@HttpCode(200)`, 200 otherwise. */
  status?: 200 | 201;
  /** Statuses this operation answers beyond the ones every command/query answers. */
  errors?: ErrorStatus[];
  /** What the success answer means, when the summary does not say it. */
  responseDescription?: string;
}

/** A success body of one of several shapes; which one, the description says. */
export interface OneOfResponse {
  oneOf: (Type<unknown> | [Type<unknown>])[];
}

export const OneOf = (...shapes: (Type<unknown> | [Type<unknown>])[]): OneOfResponse => ({
  oneOf: shapes,
});

function isOneOf(response: LedgerOperationOptions['response']): response is OneOfResponse {
  return typeof response === 'object' && !Array.isArray(response);
}

function successResponse(options: LedgerOperationOptions, status: 200 | 201): ApiResponseOptions {
  const description = options.responseDescription ?? (status === 201 ? 'Recorded' : 'OK');
  if (isOneOf(options.response)) {
    return {
      status,
      description,
      schema: {
        oneOf: options.response.oneOf.map((shape) =>
          Array.isArray(shape)
            ? { type: 'array', items: { $ref: getSchemaPath(shape[0]) } }
            : { $ref: getSchemaPath(shape) },
        ),
      },
    };
  }
  const [type, isArray] = Array.isArray(options.response)
    ? [options.response[0], true]
    : [options.response, false];
  return {
    status,
    description: options.responseDescription ?? (status === 201 ? 'Recorded' : 'OK'),
    type,
    isArray,
  };
}

function operation(options: LedgerOperationOptions, status: 200 | 201, always: ErrorStatus[]) {
  const { response: _r, status: _s, errors, responseDescription: _d, ...apiOperation } = options;
  const models = isOneOf(options.response)
    ? options.response.oneOf.map((shape) => (Array.isArray(shape) ? shape[0] : shape))
    : [];
  return applyDecorators(
    ApiExtraModels(...models),
    ApiOperation(apiOperation),
    ApiResponse(successResponse(options, status)),
    ApiErrors(...new Set([...always, ...(errors ?? [])])),
  );
}

/**
 * A command (POST): every one can answer 400 (bad input), 409 (concurrency,
 * Idempotency-Key reuse) and 503 (storage full or down).
 */
export const LedgerCommand = (options: LedgerOperationOptions) =>
  operation(options, options.status ?? 201, [400, 409, 503]);

/**
 * A query (GET): every one can answer 400 (bad query parameter) and 503
 * (read model behind `?minPosition=`, store down).
 */
export const LedgerQuery = (options: LedgerOperationOptions) =>
  operation(options, options.status ?? 200, [400, 503]);

const pages = new Map<Type<unknown>, Type<unknown>>();

/**
 * The page class of a cursor-paginated list, `{ items: Item[], nextCursor }`,
 * named after its item (`EnterpriseListItemDto` → `EnterpriseListItemPageDto`);
 * one class per item type, so the document holds one schema for it.
 */
export function PageOf<T>(item: Type<T>): Type<{ items: T[]; nextCursor: string | null }> {
  const known = pages.get(item);
  if (known) return known as Type<{ items: T[]; nextCursor: string | null }>;
  class Page {
    @ApiProperty({ type: [item] })
    items!: T[];

    @ApiProperty({
      type: 'string',
      nullable: true,
      example: 'eyJhZnRlciI6NTB9',
      description: 'Pass as `?cursor=` for the next page; null on the last page',
    })
    nextCursor!: string | null;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name.replace(/Dto$/, '')}PageDto` });
  pages.set(item, Page);
  return Page;
}
