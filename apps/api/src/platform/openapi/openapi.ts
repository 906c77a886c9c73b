import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BEARER_AUTH_NAME } from '../auth/auth.decorators';
import { IDEMPOTENCY_KEY_CHARS_MAX } from '../idempotency/idempotency.interceptor';
import { ErrorBodyDto, FieldErrorDto } from './error-body.dto';

export const OPENAPI_TITLE = 'Datong subsidy ledger';
export const OPENAPI_PATH = 'docs';
export const OPENAPI_JSON_PATH = 'docs-json';

/** Every POST accepts `Idempotency-Key`; said once here rather than on every route. */
function documentIdempotencyKey(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    const post = item.post;
    if (!post) continue;
    post.parameters = [
      ...(post.parameters ?? []),
      {
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description:
          'Same key and body: the first answer again, nothing written. Same key, other body: 409.',
        schema: { type: 'string', minLength: 1, maxLength: IDEMPOTENCY_KEY_CHARS_MAX },
      },
    ];
  }
}

/**
 * The same value with every object's keys in code-point order, so that the
 * published `docs/openapi.json` changes only when the contract does.
 */
export function sortKeysDeep<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => sortKeysDeep(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    out[key] = sortKeysDeep((value as Record<string, unknown>)[key]);
  }
  return out as T;
}

/** The document as `/docs-json` serves it and `npm run openapi` writes it. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(OPENAPI_TITLE)
    .setDescription(
      'Event-sourced subsidy ledger. Amounts are integer fen; errors are ' +
        '{ statusCode, error, message, rule?, article?, details? } (ErrorBodyDto).',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_AUTH_NAME)
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    extraModels: [ErrorBodyDto, FieldErrorDto],
  });
  documentIdempotencyKey(document);
  return sortKeysDeep(document);
}

/** Swagger UI at `/docs`, the document at `/docs-json`. */
export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup(OPENAPI_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH });
  return document;
}
