import {
  BadRequestException,
  CallHandler,
  ConflictException,
  ExecutionContext,
  Inject,
  Injectable,
  Logger,
  NestInterceptor,
  StreamableFile,
} from '@nestjs/common';
import { from, lastValueFrom, Observable, of } from 'rxjs';
import { runInAppendScope } from '@ledger/event-store/append-scope';
import { LEDGER_CONFIG, LedgerConfig } from '../config/ledger-config';
import type { LedgerReply, LedgerRequest } from '../http/ledger-request';
import {
  IDEMPOTENCY_STORE,
  IdempotencyClaim,
  IdempotencyKeyRef,
  IdempotencyStore,
  KEY_MISMATCH,
  KEY_UNANSWERED,
} from './idempotency.store';
import { idempotencyScopeOf } from './idempotency-scope';
import { requestFingerprint } from './request-fingerprint';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENCY_KEY_CHARS_MAX = 200;
/** Set on a replayed answer. */
export const IDEMPOTENT_REPLAYED_HEADER = 'Idempotent-Replayed';
export { ANONYMOUS_SCOPE } from './idempotency-scope';

export const IDEMPOTENCY_OPTIONS = Symbol('IDEMPOTENCY_OPTIONS');

export interface IdempotencyOptions {
  /** How long a request waits for another one running with the same key and body before a 409. */
  inProgressWaitMs: number;
  /** How often it looks meanwhile. */
  pollIntervalMs: number;
  /** After this, an unfinished claim is taken to be abandoned by a crashed process. */
  leaseMs: number;
}

export const DEFAULT_IDEMPOTENCY_OPTIONS: IdempotencyOptions = {
  inProgressWaitMs: 2000,
  pollIntervalMs: 25,
  leaseMs: 60_000,
};

const KEY_PATTERN = new RegExp(`^[\\x20-\\x7E]{1,${IDEMPOTENCY_KEY_CHARS_MAX}}$`);

export function parseIdempotencyKey(header: string | string[]): string {
  const key = Array.isArray(header) ? header.join(', ') : header;
  if (!KEY_PATTERN.test(key)) {
    throw new BadRequestException(
      `Idempotency-Key must be 1 to ${IDEMPOTENCY_KEY_CHARS_MAX} printable ASCII characters`,
    );
  }
  return key;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * `Idempotency-Key` on a POST: the first 2xx answer is stored and replayed for
 * the same key and body without calling the handler; the same key with another
 * body is 409. A second request arriving while the first still runs waits for
 * it (up to `inProgressWaitMs`) and then replays its answer, or gets a 409
 * "in progress". Failed answers are not stored: a command that wrote nothing
 * may be retried. A command that wrote but never answered (its process died,
 * or it failed halfway) is never run again: a retry gets 409 "answer not
 * recorded" (ADR 0011). Guards run before interceptors, so a replay is
 * authorised exactly like a new request.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Inject(IDEMPOTENCY_OPTIONS) private readonly options: IdempotencyOptions,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<LedgerRequest>();
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (request.method !== 'POST' || header === undefined) return next.handle();

    const key = parseIdempotencyKey(header);
    request.idempotencyKey = key;
    const scope = idempotencyScopeOf(request.actor);
    const path = (request.originalUrl ?? request.url).split('?')[0];
    const fingerprint = requestFingerprint(request.method, path, request.body);
    const response = context.switchToHttp().getResponse<LedgerReply>();

    const claim = await this.claim(scope, key, fingerprint);
    switch (claim.outcome) {
      case 'replay':
        response.status(claim.statusCode);
        response.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
        return of(claim.body);
      case 'mismatch':
        throw new ConflictException(KEY_MISMATCH);
      case 'unanswered':
        throw new ConflictException(KEY_UNANSWERED);
      case 'in_progress':
        throw new ConflictException(
          'A request with this Idempotency-Key is still in progress; retry later',
        );
      case 'claimed':
        // A promise, not a chained observable: the answer is stored even if the
        // client hangs up while the command runs.
        return from(
          this.runAndStore(next, response, { scope, key, claimId: claim.claimId }, fingerprint),
        );
    }
  }

  private async claim(scope: string, key: string, fingerprint: string): Promise<IdempotencyClaim> {
    const deadline = Date.now() + this.options.inProgressWaitMs;
    for (;;) {
      const claim = await this.store.claim({
        scope,
        key,
        fingerprint,
        leaseMs: this.options.leaseMs,
      });
      if (claim.outcome !== 'in_progress' || Date.now() >= deadline) return claim;
      await sleep(this.options.pollIntervalMs);
    }
  }

  private async runAndStore(
    next: CallHandler,
    response: LedgerReply,
    ref: IdempotencyKeyRef,
    fingerprint: string,
  ): Promise<unknown> {
    let body: unknown;
    try {
      // `handle()` binds the handler to the async context it is called in: inside the scope.
      body = await runInAppendScope(this.store.appendScope(ref, fingerprint), () =>
        lastValueFrom(next.handle(), { defaultValue: undefined }),
      );
    } catch (error) {
      await this.store.release(ref).catch((e: unknown) => this.warn('release', e));
      throw error;
    }
    // Tests only: die exactly between the commit and the recording of the answer.
    if (this.config.testCrashAfterAppend) process.kill(process.pid, 'SIGKILL');
    const statusCode = response.statusCode;
    const storable =
      statusCode >= 200 &&
      statusCode < 300 &&
      !(body instanceof StreamableFile) &&
      !Buffer.isBuffer(body);
    try {
      if (storable) await this.store.complete(ref, { statusCode, body });
      else await this.store.release(ref);
    } catch (error) {
      // The command succeeded: answer it. Without a stored answer a retry is
      // refused as "unanswered" if the command wrote anything (ADR 0011).
      this.warn(storable ? 'complete' : 'release', error);
      await this.store.release(ref).catch(() => undefined);
    }
    return body;
  }

  private warn(action: string, error: unknown): void {
    this.logger.warn(`could not ${action} an idempotency key: ${(error as Error).message}`);
  }
}
