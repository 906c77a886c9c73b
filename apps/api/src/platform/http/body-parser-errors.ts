import { BadRequestException, HttpException, UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** What body-parser (http-errors) attaches to its errors. */
interface BodyParserError {
  type: string;
  status: number;
  expose?: boolean;
  message: string;
}

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
  if (!isBodyParserError(error)) return undefined;
  switch (error.type) {
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

/** Express error middleware, mounted right after the JSON parser. */
export const translateBodyParserErrors =
  (bodyLimit: string) =>
  (error: unknown, _req: Request, _res: Response, next: NextFunction): void => {
    next(bodyParserErrorToHttp(error, bodyLimit) ?? error);
  };
