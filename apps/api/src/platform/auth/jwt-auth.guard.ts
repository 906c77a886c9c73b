import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { LRUCache } from 'lru-cache';
import { LEDGER_CONFIG, LedgerConfig } from '../config/ledger-config';
import { type LedgerRequest, setActor } from '../http/ledger-request';
import { Actor, Role } from './actor';
import { ActorTokenError, verifyActorToken } from './actor-token';
import { IS_PUBLIC_KEY, ROLES_KEY } from './auth.decorators';
import { JWKS_ALGORITHMS, JwksTokenVerifier, tokenAlgorithm } from './jwks-token-verifier';

/** A JWT is three base64url parts; anything longer than this is not ours. */
const TOKEN_CHARS_MAX = 8192;
const BEARER = /^Bearer +([A-Za-z0-9_\-.=]+) *$/i;

export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header.length > TOKEN_CHARS_MAX) return undefined;
  return BEARER.exec(header)?.[1];
}

/** Tokens whose verification is remembered (a few thousand callers at once). */
export const VERIFIED_TOKENS_MAX = 10_000;

/**
 * Global guard: 401 without a valid token, 403 for a role not in `@Roles`.
 * Tokens are the ledger's own HS256 ones, or, with `LEDGER_JWT_JWKS_URL`, the
 * identity provider's RS256/ES256 ones; the header's `alg` picks the verifier,
 * and each verifier accepts only its own algorithms (ADR 0016).
 *
 * A token verified once is remembered until its `exp` (bounded LRU, keyed by
 * the whole token, so its signature and every claim it signs): a caller sends
 * the same token with every request, and verifying it (HMAC, JSON, claims)
 * was a tenth of a balance query's CPU. A token that fails is never
 * remembered; one that expires is dropped and verified again (and refused).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly jwt = new JwtService();
  private readonly jwks?: JwksTokenVerifier;
  private readonly verified = new LRUCache<string, Actor>({ max: VERIFIED_TOKENS_MAX });

  constructor(
    private readonly reflector: Reflector,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {
    if (config.jwks) this.jwks = new JwksTokenVerifier(config.jwks, config.jwtMaxTtlSeconds);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const { isPublic, roles } = this.accessOf(context);
    const request = context.switchToHttp().getRequest<LedgerRequest>();
    const token = bearerToken(request.headers.authorization);

    if (isPublic) {
      if (token) setActor(request, await this.verify(token).catch(() => undefined));
      return true;
    }
    if (!token) throw new UnauthorizedException('Missing bearer token');
    const actor = await this.verify(token);
    setActor(request, actor);
    if (roles && !roles.includes(actor.role)) {
      throw new ForbiddenException(`This action needs the role ${roles.join(' or ')}`);
    }
    return true;
  }

  /**
   * The route's own decorators win over its controller's. `@Roles` on a route of
   * a `@Public` controller makes it private; `@Roles` and `@Public` on one route
   * is read as `@Roles` (when in doubt, ask for a token).
   */
  private accessOf(context: ExecutionContext): { isPublic: boolean; roles?: Role[] } {
    const handler = context.getHandler();
    const controller = context.getClass();
    const handlerRoles = this.reflector.get<Role[] | undefined>(ROLES_KEY, handler);
    const roles = handlerRoles ?? this.reflector.get<Role[] | undefined>(ROLES_KEY, controller);
    if (handlerRoles) return { isPublic: false, roles };
    const isPublic =
      this.reflector.get<boolean | undefined>(IS_PUBLIC_KEY, handler) ??
      this.reflector.get<boolean | undefined>(IS_PUBLIC_KEY, controller) ??
      false;
    return { isPublic, roles };
  }

  private async verify(token: string): Promise<Actor> {
    const known = this.verified.get(token);
    if (known !== undefined) return { ...known };
    const alg = tokenAlgorithm(token) ?? '';
    const jwks = (JWKS_ALGORITHMS as readonly string[]).includes(alg) ? this.jwks : undefined;
    try {
      const actor = jwks
        ? await jwks.verify(token)
        : await verifyActorToken(token, this.config.jwtSecret, {
            jwt: this.jwt,
            maxTtlSeconds: this.config.jwtMaxTtlSeconds,
          });
      const expiresInMs = tokenExpiryMs(token) - Date.now();
      if (expiresInMs > 0) this.verified.set(token, { ...actor }, { ttl: expiresInMs });
      return actor;
    } catch (error) {
      if (error instanceof ActorTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
  }
}

/** `exp` of a token already verified (so it has one), in ms since the epoch. */
function tokenExpiryMs(token: string): number {
  const payload = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as {
    exp: number;
  };
  return payload.exp * 1000;
}
