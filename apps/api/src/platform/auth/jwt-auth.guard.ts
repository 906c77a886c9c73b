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

/** A JWT is three base64url parts; anything longer than this is not ours. */
const TOKEN_CHARS_MAX = 8192;
const BEARER = /^Bearer +([A-Za-z0-9_\-.=]+) *$/i;

export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header.length > TOKEN_CHARS_MAX) return undefined;
  return BEARER.exec(header)?.[1];
}

/** Global guard: 401 without a valid token, 403 for a role not in `@Roles`. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  private readonly jwt = new JwtService();

  constructor(
    private readonly reflector: Reflector,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<LedgerRequest>();
    const token = bearerToken(request.headers.authorization);

    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) {
      if (token) request.actor = await this.verify(token).catch(() => undefined);
      return true;
    }
    if (!token) throw new UnauthorizedException('Missing bearer token');
    const actor = await this.verify(token);
    request.actor = actor;

    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(actor.role)) {
      throw new ForbiddenException(`This action needs the role ${roles.join(' or ')}`);
    }
    return true;
  }

  private async verify(token: string) {
    try {
      return await verifyActorToken(token, this.config.jwtSecret, this.jwt);
    } catch (error) {
      if (error instanceof ActorTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
  }
}
