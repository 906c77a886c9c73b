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
import { LEDGER_CONFIG, LedgerConfig } from '../config/ledger-config';
import type { LedgerRequest } from '../http/ledger-request';
import { Role } from './actor';
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

/**
 * Global guard: 401 without a valid token, 403 for a role not in `@Roles`.
 * Tokens are the ledger's own HS256 ones, or, with `LEDGER_JWT_JWKS_URL`, the
 * identity provider's RS256/ES256 ones; the header's `alg` picks the verifier,
 * and each verifier accepts only its own algorithms (ADR 0016).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly jwt = new JwtService();
  private readonly jwks?: JwksTokenVerifier;

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
      if (token) request.actor = await this.verify(token).catch(() => undefined);
      return true;
    }
    if (!token) throw new UnauthorizedException('Missing bearer token');
    const actor = await this.verify(token);
    request.actor = actor;
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

  private async verify(token: string) {
    const alg = tokenAlgorithm(token) ?? '';
    const jwks = (JWKS_ALGORITHMS as readonly string[]).includes(alg) ? this.jwks : undefined;
    try {
      if (jwks) return await jwks.verify(token);
      return await verifyActorToken(token, this.config.jwtSecret, {
        jwt: this.jwt,
        maxTtlSeconds: this.config.jwtMaxTtlSeconds,
      });
    } catch (error) {
      if (error instanceof ActorTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
  }
}
