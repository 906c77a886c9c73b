import { createRemoteJWKSet, decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { JwksConfig } from '../config/ledger-config';
import { Actor, isRole } from './actor';
import {
  actorFromClaims,
  ActorTokenError,
  DEFAULT_TOKEN_TTL_SECONDS_MAX,
  lifetimeProblem,
} from './actor-token';

/** What an identity provider may sign with; `none`, HS* and everything else are refused. */
export const JWKS_ALGORITHMS = ['RS256', 'ES256'] as const;

/** The algorithm a token's header names, or undefined when it has no readable header. */
export function tokenAlgorithm(token: string): string | undefined {
  try {
    const { alg } = decodeProtectedHeader(token);
    return typeof alg === 'string' ? alg : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The ledger role from the configured claim: a string, or a list holding
 * exactly one ledger role (identity providers often send every group).
 */
function roleOf(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const roles = value.filter(isRole);
  return roles.length === 1 ? roles[0] : undefined;
}

/**
 * Verifies identity-provider tokens with jose against the JWKS (fetched and
 * cached by `createRemoteJWKSet`, refetched for an unknown `kid`): signature by
 * a key of the set, RS256 or ES256, issuer, audience, `exp` (required) and
 * `nbf`, then the lifetime rule of every ledger token and the actor claims.
 */
export class JwksTokenVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly config: JwksConfig,
    private readonly maxTtlSeconds = DEFAULT_TOKEN_TTL_SECONDS_MAX,
  ) {
    this.keys = createRemoteJWKSet(new URL(config.url));
  }

  async verify(token: string): Promise<Actor> {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.keys, {
        algorithms: [...JWKS_ALGORITHMS],
        issuer: this.config.issuer,
        audience: this.config.audience,
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw new ActorTokenError(error instanceof errors.JWTExpired ? 'expired' : 'invalid');
    }
    const lifetime = lifetimeProblem(payload, this.maxTtlSeconds, Math.floor(Date.now() / 1000));
    if (lifetime !== undefined) throw new ActorTokenError('lifetime', lifetime);
    try {
      return actorFromClaims({
        ...payload,
        role: roleOf(payload[this.config.roleClaim]),
      });
    } catch (error) {
      throw new ActorTokenError('claims', (error as Error).message);
    }
  }
}
