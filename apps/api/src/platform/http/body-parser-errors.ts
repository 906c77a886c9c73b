import { BadRequestException, HttpException, UnsupportedMediaTypeException } from '@nestjs/common';
import { JSON_DUPLICATE_KEY, JSON_INVALID_UTF8, JSON_TOO_DEEP } from './json-body-verify';
import { RequestValidationException } from './validation';

/** What body-parser (http-errors) attaches to its errors. */
interface BodyParserError {
  type: string;
  status: number;
  expose?: boolean;
  message: string;
  /** Set by verifyJsonBody on a duplicate key. */
  field?: string;
}

/**
 * A body that does not inflate as its Content-Encoding says: body-parser
 * passes zlib's error on with status 400 but no type, which used to end as a
 * 500. zlib codes start with `Z_` (gzip, deflate) or name brotli or zstd.
 */
const isDecompressionError = (error: unknown): boolean => {
  if (typeof error !== 'object' || error === null) return false;
  const { code, status } = error as { code?: unknown; status?: unknown };
  return status === 400 && typeof code === 'string' && /^Z_|BROTLI|ZSTD|^ERR__/.test(code);
};

const isBodyParserError = (error: unknown): error is BodyParserError =>
  typeof error === 'object' &&
  error !== null &&
  typeof (error as BodyParserError).type === 'string' &&
  typeof (error as BodyParserError).status === 'number';

/**
 * Maps a body-parser error to the answer we give; undefined for anything else.
 * Parse errors get a fixed message: Node's own quotes part of the body, which
 * may hold an ID number.
 */
export function bodyParserErrorToHttp(
  error: unknown,
  bodyLimit: string,
): HttpException | undefined {
  if (isDecompressionError(error)) {
    return new BadRequestException('Request body does not match its Content-Encoding');
  }
  if (!isBodyParserError(error)) return undefined;
  switch (error.type) {
    case JSON_TOO_DEEP:
    case JSON_INVALID_UTF8:
      return new BadRequestException(error.message);
    case JSON_DUPLICATE_KEY: {
      const field = error.field ?? '(root)';
      return new RequestValidationException([
        { field, messages: [`${field.split('.').pop()} appears more than once in its object`] },
      ]);
    }
    case 'entity.too.large':
      // 400 rather than 413: the contract answers every malformed input with 400.
      return new BadRequestException(`Request body is larger than the ${bodyLimit} limit`);
    case 'entity.parse.failed':
      return new BadRequestException('Request body is not valid JSON');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new UnsupportedMediaTypeException(error.message);
    case 'request.aborted':
      return new BadRequestException('Request aborted');
    case 'request.size.invalid':
      return new BadRequestException('Request body size does not match Content-Length');
    default:
      return error.status >= 400 && error.status < 500 && error.expose
        ? new HttpException(error.message, error.status)
        : undefined;
  }
}
