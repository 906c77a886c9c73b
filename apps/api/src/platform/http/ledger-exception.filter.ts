import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Inject,
  Logger,
} from '@nestjs/common';
import { maskResidentIds } from '@ledger/audit/mask';
import { LedgerError, LedgerErrorKind } from '@ledger/domain/shared/ledger-error';
import { LEDGER_CONFIG, LedgerConfig } from '../config/ledger-config';
import { maskIdNumbers } from '../logging/redact';
import { noteRefusedRule } from '../metrics/http-metrics.hook';
import { bodyParserErrorToHttp } from './body-parser-errors';
import { asDependencyUnavailable, DependencyUnavailableException } from './dependency-unavailable';
import { ErrorBody, reasonPhrase } from './error-body';
import type { LedgerReply, LedgerRequest } from './ledger-request';
import { ReadModelBehindException, RETRY_AFTER_SECONDS } from './min-position';
import { isStorageFull, StorageFullException } from './storage-full';
import { preferredLanguage } from './i18n/accept-language';
import { fenToYuanText } from './i18n/localize-message';
import { localizeErrorBody } from './i18n/localize-error-body';

export const LEDGER_ERROR_STATUS: Record<LedgerErrorKind, number> = {
  invalid: HttpStatus.BAD_REQUEST,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rule: HttpStatus.UNPROCESSABLE_ENTITY,
  suspended: HttpStatus.LOCKED,
};

const INTERNAL_MESSAGE = 'Internal server error';

/** Also recognises a LedgerError from a second copy of the module (duck typing). */
const isLedgerError = (error: unknown): error is LedgerError =>
  error instanceof LedgerError ||
  (error instanceof Error &&
    error.name === 'LedgerError' &&
    typeof (error as LedgerError).kind === 'string' &&
    (error as LedgerError).kind in LEDGER_ERROR_STATUS);

/**
 * Error text may quote what the caller sent: an unknown route, an unknown id,
 * an actor id. An ID number in it (also percent-encoded in a path) is masked
 * for every role: an error is no place to read one back.
 */
function body(statusCode: number, message: string, rule?: unknown, details?: unknown): ErrorBody {
  const out: ErrorBody = {
    statusCode,
    error: reasonPhrase(statusCode),
    message: maskIdNumbers(message),
  };
  if (typeof rule === 'string') out.rule = rule;
  if (details !== undefined) out.details = maskResidentIds(details);
  return out;
}

function fromHttpException(exception: HttpException): ErrorBody {
  const status = exception.getStatus();
  const response = exception.getResponse();
  if (typeof response === 'string') return body(status, response);
  const { message, rule, details } = response as Record<string, unknown>;
  if (Array.isArray(message)) {
    // Nest's own validation shape (a pipe other than ours): keep the list in details.
    return body(status, message.map(String).join('; '), rule, details ?? message);
  }
  return body(status, typeof message === 'string' ? message : exception.message, rule, details);
}

/**
 * Every error leaves as `{ statusCode, error, message, rule?, details? }`.
 * Anything unexpected is a 500 with a generic message, logged with its stack
 * (ID numbers masked) and never with the request body.
 */
const ledgerKindOf = (exception: unknown): string | undefined =>
  isLedgerError(exception) ? exception.kind : undefined;

@Catch()
export class LedgerExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {}

  catch(caught: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw caught;
    const http = host.switchToHttp();
    const response = http.getResponse<LedgerReply>();
    const request = http.getRequest<LedgerRequest>();
    noteRefusedRule(response, caught);
    const exception =
      this.storageFull(caught, request) ?? this.dependencyDown(caught, request) ?? caught;
    const english = this.toErrorBody(exception, request);
    const language = preferredLanguage(request?.headers?.['accept-language']);
    const errorBody =
      language === 'zh' ? localizeErrorBody(english, ledgerKindOf(exception)) : english;

    if (response.sent || response.raw.headersSent) {
      response.raw.end();
      return;
    }
    if (errorBody.statusCode === HttpStatus.SERVICE_UNAVAILABLE) {
      const seconds = (exception as { retryAfterSeconds?: number }).retryAfterSeconds;
      response.header('Retry-After', String(seconds ?? RETRY_AFTER_SECONDS));
    }
    if (errorBody.statusCode === HttpStatus.UNAUTHORIZED) {
      response.header('WWW-Authenticate', 'Bearer');
    }
    response.header('Content-Language', language === 'zh' ? 'zh-CN' : 'en');
    response.header('Vary', 'Accept-Language');
    response.status(errorBody.statusCode).send(errorBody);
  }

  toErrorBody(exception: unknown, request?: LedgerRequest): ErrorBody {
    if (isLedgerError(exception)) {
      const field = exception.details?.field;
      // People read yuan; the domain counts fen (its messages stay fen in the log).
      const message = fenToYuanText(exception.message);
      // A domain "invalid" names one field: give it the same shape as a validator's.
      const details =
        exception.kind === 'invalid' && typeof field === 'string'
          ? [{ field, messages: [message] }]
          : exception.details;
      // Some 409s name their rule in details only; every error carries it at the top.
      const rule = exception.rule ?? exception.details?.rule;
      return body(LEDGER_ERROR_STATUS[exception.kind], message, rule, details);
    }
    // The Fastify adapter wraps a body-parser error in an HttpException (`cause`).
    const translated =
      bodyParserErrorToHttp(exception, this.config.bodyLimit) ??
      (exception instanceof HttpException
        ? bodyParserErrorToHttp(exception.cause, this.config.bodyLimit)
        : undefined);
    if (translated) return fromHttpException(translated);
    if (exception instanceof HttpException) {
      const out = fromHttpException(exception);
      if (
        out.statusCode >= 500 &&
        !(exception instanceof ReadModelBehindException) &&
        !(exception instanceof StorageFullException) &&
        !(exception instanceof DependencyUnavailableException)
      ) {
        this.logUnexpected(exception, request);
      }
      return out;
    }
    this.logUnexpected(exception, request);
    return body(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL_MESSAGE);
  }

  /** A full disk becomes a 503 (logged, so the operator hears of it), not a 500. */
  private storageFull(
    exception: unknown,
    request: LedgerRequest,
  ): StorageFullException | undefined {
    if (!isStorageFull(exception, this.config.dataDir)) return undefined;
    const code = (exception as { code?: unknown }).code;
    this.logger.error(
      `${request.method} ${maskIdNumbers(request.originalUrl ?? request.url)} refused: storage full (${String(code)}) under ${this.config.dataDir}`,
    );
    return new StorageFullException();
  }

  /** A store outage becomes a 503 with Retry-After (logged as a warning: it passes). */
  private dependencyDown(
    exception: unknown,
    request: LedgerRequest,
  ): DependencyUnavailableException | undefined {
    const outage = asDependencyUnavailable(exception);
    if (!outage) return undefined;
    const cause =
      outage.cause instanceof Error ? (outage.cause.cause ?? outage.cause) : outage.cause;
    this.logger.warn(
      maskIdNumbers(
        `${request.method} ${request.originalUrl ?? request.url} refused: ${outage.dependency} unavailable (${cause instanceof Error ? cause.message : String(cause)})`,
      ),
    );
    return outage;
  }

  private logUnexpected(exception: unknown, request?: LedgerRequest): void {
    const error = exception instanceof Error ? exception : new Error(String(exception));
    const where = request
      ? `${request.method} ${maskIdNumbers(request.originalUrl ?? request.url)}`
      : '';
    this.logger.error(
      maskIdNumbers(`${where} failed: ${error.name}: ${error.message}`),
      maskIdNumbers(error.stack ?? ''),
    );
  }
}
