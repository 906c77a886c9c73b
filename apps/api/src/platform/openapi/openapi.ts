import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { BEARER_AUTH_NAME } from '../auth/auth.decorators';
import { IDEMPOTENCY_KEY_CHARS_MAX } from '../idempotency/idempotency.interceptor';

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

/** Swagger UI at `/docs`, the document at `/docs-json`. */
export function setupOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(OPENAPI_TITLE)
    .setDescription(
      'Event-sourced subsidy ledger. Amounts are integer fen; errors are ' +
        '{ statusCode, error, message, rule?, details? }.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER_AUTH_NAME)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  documentIdempotencyKey(document);
  SwaggerModule.setup(OPENAPI_PATH, app, document, { jsonDocumentUrl: OPENAPI_JSON_PATH });
  return document;
}
