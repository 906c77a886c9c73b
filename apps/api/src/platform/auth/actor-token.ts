import { createSecretKey, KeyObject } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { Actor, isRole, ROLES, Role } from './actor';

/**
 * Actor tokens: HS256 JWTs with `sub`, `role` and, for applicants, `enterpriseId`
 * or `schoolId`. One place for both sides, so the CLI cannot mint a token the
 * API would refuse.
 */
export const JWT_ALGORITHM = 'HS256';
export const ACTOR_ID_CHARS_MAX = 200;
export const PARTY_ID_CHARS_MAX = 64;
export const TOKEN_LIFETIME_SECONDS_MAX = 366 * 24 * 60 * 60;

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
  if (!boundedString(claims.sub, ACTOR_ID_CHARS_MAX)) {
    throw new InvalidActorClaimsError(
      `sub must be a string of 1 to ${ACTOR_ID_CHARS_MAX} characters`,
    );
  }
  if (!isRole(claims.role)) {
    throw new InvalidActorClaimsError(`role must be one of ${ROLES.join(', ')}`);
  }
  const actor: Actor = { actorId: claims.sub, role: claims.role };
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
  /** Lifetime in seconds, 1 to TOKEN_LIFETIME_SECONDS_MAX; no `exp` claim when absent. */
  expiresInSeconds?: number;
}

export function signActorToken(
  claims: ActorClaims,
  secret: string,
  options: SignActorTokenOptions = {},
): string {
  const actor = actorFromClaims(claims);
  const { expiresInSeconds } = options;
  if (
    expiresInSeconds !== undefined &&
    (!Number.isSafeInteger(expiresInSeconds) ||
      expiresInSeconds < 1 ||
      expiresInSeconds > TOKEN_LIFETIME_SECONDS_MAX)
  ) {
    throw new InvalidActorClaimsError(
      `expiresInSeconds must be an integer from 1 to ${TOKEN_LIFETIME_SECONDS_MAX}`,
    );
  }
  const payload: Record<string, string> = { sub: actor.actorId, role: actor.role };
  if (actor.enterpriseId !== undefined) payload.enterpriseId = actor.enterpriseId;
  if (actor.schoolId !== undefined) payload.schoolId = actor.schoolId;
  return new JwtService().sign(payload, {
    secret,
    algorithm: JWT_ALGORITHM,
    ...(expiresInSeconds !== undefined ? { expiresIn: expiresInSeconds } : {}),
  });
}

export type TokenFailure = 'expired' | 'invalid';

export class ActorTokenError extends Error {
  constructor(readonly failure: TokenFailure) {
    super(failure === 'expired' ? 'Token expired' : 'Invalid token');
    this.name = 'ActorTokenError';
  }
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
 * expiry and not-before, then the claims. Throws ActorTokenError.
 */
export async function verifyActorToken(
  token: string,
  secret: string,
  jwt = new JwtService(),
): Promise<Actor> {
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
  try {
    return actorFromClaims(payload);
  } catch {
    throw new ActorTokenError('invalid');
  }
}
