import { createSecretKey, KeyObject } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { formatDuration } from '../config/duration';
import { Actor, isRole, ROLES, Role } from './actor';
import { ACTOR_ID_CHARS_MAX, normaliseActorId } from './actor-id';

/**
 * Actor tokens: HS256 JWTs with `sub`, `role` and, for applicants, `enterpriseId`
 * or `schoolId`. One place for both sides, so the CLI cannot mint a token the
 * API would refuse.
 */
export const JWT_ALGORITHM = 'HS256';
export { ACTOR_ID_CHARS_MAX };
export const PARTY_ID_CHARS_MAX = 64;
export const TOKEN_LIFETIME_SECONDS_MAX = 366 * 24 * 60 * 60;
/** `LEDGER_JWT_MAX_TTL` by default (API.md "Console and sign-in"). */
export const DEFAULT_TOKEN_TTL_SECONDS_MAX = 12 * 60 * 60;

export interface ActorClaims {
  sub: string;
  role: Role;
  enterpriseId?: string;
  schoolId?: string;
}

/** A token that verified but whose claims do not describe an actor. */
export class InvalidActorClaimsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidActorClaimsError';
  }
}

const boundedString = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.trim() !== '' && value.length <= max;

/** Checks decoded claims; party ids of non-applicants are dropped, they scope nothing. */
export function actorFromClaims(payload: unknown): Actor {
  if (typeof payload !== 'object' || payload === null) {
    throw new InvalidActorClaimsError('token payload is not an object');
  }
  const claims = payload as Record<string, unknown>;
  // The one place actor ids enter: every comparison downstream (R-SOD, idempotency scopes) sees them normalised.
  const sub = normaliseActorId(claims.sub);
  if (!sub.ok) throw new InvalidActorClaimsError(sub.problem);
  if (!isRole(claims.role)) {
    throw new InvalidActorClaimsError(`role must be one of ${ROLES.join(', ')}`);
  }
  const actor: Actor = { actorId: sub.actorId, role: claims.role };
  if (claims.role !== 'applicant') return actor;
  for (const field of ['enterpriseId', 'schoolId'] as const) {
    const value = claims[field];
    if (value === undefined) continue;
    if (!boundedString(value, PARTY_ID_CHARS_MAX)) {
      throw new InvalidActorClaimsError(
        `${field} must be a string of 1 to ${PARTY_ID_CHARS_MAX} characters`,
      );
    }
    actor[field] = value;
  }
  if (actor.enterpriseId === undefined && actor.schoolId === undefined) {
    throw new InvalidActorClaimsError('an applicant token needs enterpriseId or schoolId');
  }
  return actor;
}

export interface SignActorTokenOptions {
  /** Lifetime in seconds, 1 to `maxTtlSeconds`: every token expires. */
  expiresInSeconds: number;
  /** `LEDGER_JWT_MAX_TTL`; 12h when absent. */
  maxTtlSeconds?: number;
}

export function signActorToken(
  claims: ActorClaims,
  secret: string,
  options: SignActorTokenOptions,
): string {
  const actor = actorFromClaims(claims);
  const { expiresInSeconds } = options;
  const maxTtlSeconds = options.maxTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS_MAX;
  if (!Number.isSafeInteger(expiresInSeconds) || expiresInSeconds < 1) {
    throw new InvalidActorClaimsError('expiresInSeconds must be a positive integer');
  }
  if (expiresInSeconds > maxTtlSeconds) {
    throw new InvalidActorClaimsError(
      `a token may live at most ${formatDuration(maxTtlSeconds)} (LEDGER_JWT_MAX_TTL)`,
    );
  }
  const payload: Record<string, string> = { sub: actor.actorId, role: actor.role };
  if (actor.enterpriseId !== undefined) payload.enterpriseId = actor.enterpriseId;
  if (actor.schoolId !== undefined) payload.schoolId = actor.schoolId;
  return new JwtService().sign(payload, {
    secret,
    algorithm: JWT_ALGORITHM,
    expiresIn: expiresInSeconds,
  });
}

export type TokenFailure = 'expired' | 'invalid' | 'lifetime' | 'claims';

const FAILURE_MESSAGES: Record<TokenFailure, string> = {
  expired: 'Token expired',
  invalid: 'Invalid token',
  lifetime: 'Token lifetime refused',
  claims: 'Invalid token',
};

export class ActorTokenError extends Error {
  constructor(
    readonly failure: TokenFailure,
    detail?: string,
  ) {
    super(
      detail === undefined ? FAILURE_MESSAGES[failure] : `${FAILURE_MESSAGES[failure]}: ${detail}`,
    );
    this.name = 'ActorTokenError';
  }
}

export interface VerifyActorTokenOptions {
  /** `LEDGER_JWT_MAX_TTL`; 12h when absent. */
  maxTtlSeconds?: number;
  jwt?: JwtService;
  /** Seconds since the epoch (tests). */
  nowSeconds?: number;
}

/**
 * A stolen token is worth only as long as it lives: one without `exp`, or
 * living longer than `LEDGER_JWT_MAX_TTL` after `iat` (after now, when `iat`
 * is missing or lies in the future), is refused.
 */
export function lifetimeProblem(
  payload: Record<string, unknown>,
  maxTtlSeconds: number,
  nowSeconds: number,
): string | undefined {
  const { exp, iat } = payload;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) {
    return 'it has no expiry (exp); every token must expire';
  }
  if (iat !== undefined && (typeof iat !== 'number' || !Number.isFinite(iat))) {
    return 'iat must be a number';
  }
  const issued = iat === undefined ? nowSeconds : Math.min(iat, nowSeconds);
  if (exp - issued > maxTtlSeconds) {
    return `it lives longer than LEDGER_JWT_MAX_TTL (${formatDuration(maxTtlSeconds)}) allows`;
  }
  return undefined;
}

/**
 * jsonwebtoken turns a string secret into a key on every verify (about 1 ms,
 * a quarter of a balance query's CPU, measured in the benchmark); a KeyObject
 * made once is used as is.
 */
let cachedKey: { secret: string; key: KeyObject } | undefined;
function secretKeyOf(secret: string): KeyObject {
  if (cachedKey?.secret !== secret)
    cachedKey = { secret, key: createSecretKey(Buffer.from(secret, 'utf8')) };
  return cachedKey.key;
}

/**
 * Verifies signature (HS256 only: `none` and every other algorithm are refused),
 * expiry and not-before, the lifetime, then the claims. Throws ActorTokenError.
 */
export async function verifyActorToken(
  token: string,
  secret: string,
  options: VerifyActorTokenOptions = {},
): Promise<Actor> {
  const jwt = options.jwt ?? new JwtService();
  let payload: unknown;
  try {
    payload = await jwt.verifyAsync(token, {
      secret: secretKeyOf(secret) as unknown as string,
      algorithms: [JWT_ALGORITHM],
    });
  } catch (error) {
    throw new ActorTokenError(
      (error as Error).name === 'TokenExpiredError' ? 'expired' : 'invalid',
    );
  }
  if (typeof payload !== 'object' || payload === null) throw new ActorTokenError('invalid');
  const lifetime = lifetimeProblem(
    payload as Record<string, unknown>,
    options.maxTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS_MAX,
    options.nowSeconds ?? Math.floor(Date.now() / 1000),
  );
  if (lifetime !== undefined) throw new ActorTokenError('lifetime', lifetime);
  try {
    return actorFromClaims(payload);
  } catch (error) {
    throw new ActorTokenError('claims', (error as Error).message);
  }
}
