import { isUtf8 } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { JSON_DEPTH_MAX, scanJsonBody } from './json-body-scan';

/** Types of the errors below, as body-parser carries them to `bodyParserErrorToHttp`. */
export const JSON_TOO_DEEP = 'json.too.deep';
export const JSON_DUPLICATE_KEY = 'json.duplicate.key';
export const JSON_INVALID_UTF8 = 'json.invalid.utf8';

/** Shaped like a body-parser error, so body-parser passes it on with its status and type. */
export class HostileJsonError extends Error {
  readonly status: number;
  constructor(
    readonly type: string,
    message: string,
    /** The dotted path of the field, for a duplicate key. */
    readonly field?: string,
    status = 400,
  ) {
    super(message);
    this.name = 'HostileJsonError';
    this.status = status;
  }
}

/**
 * body-parser's `verify` hook: runs on the raw (inflated) bytes before
 * JSON.parse. RFC 8259 §8.1 asks for UTF-8 between systems; a body in another
 * charset is refused (415) rather than let past the checks undecoded, and
 * invalid UTF-8 is refused instead of silently becoming U+FFFD.
 */
export function verifyJsonBody(
  _req: IncomingMessage,
  _res: ServerResponse,
  body: Buffer,
  encoding: string | null,
): void {
  const charset = (encoding ?? 'utf-8').toLowerCase();
  if (charset !== 'utf-8' && charset !== 'utf8') {
    throw new HostileJsonError('charset.unsupported', 'JSON must be sent as UTF-8', undefined, 415);
  }
  if (!isUtf8(body)) {
    throw new HostileJsonError(JSON_INVALID_UTF8, 'Request body is not valid UTF-8');
  }
  const problem = scanJsonBody(body.toString('utf8'));
  if (problem?.kind === 'too-deep') {
    throw new HostileJsonError(
      JSON_TOO_DEEP,
      `Request body is nested deeper than ${JSON_DEPTH_MAX} levels`,
    );
  }
  if (problem?.kind === 'duplicate-key') {
    throw new HostileJsonError(
      JSON_DUPLICATE_KEY,
      `Request body names ${problem.field} more than once`,
      problem.field,
    );
  }
}
