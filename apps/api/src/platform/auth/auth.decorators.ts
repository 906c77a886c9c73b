import {
  applyDecorators,
  createParamDecorator,
  ExecutionContext,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { LedgerRequest } from '../http/ledger-request';
import { ApiAuthErrors } from '../openapi/ledger-operation.decorators';
import { Actor, isRole, Role } from './actor';

export const IS_PUBLIC_KEY = 'ledger:public';
export const ROLES_KEY = 'ledger:roles';
/** Name of the bearer scheme in the OpenAPI document. */
export const BEARER_AUTH_NAME = 'bearer';

/**
 * The route (or every route of the controller) needs no token; a valid one still
 * sets the actor, a bad one is ignored. A route's own `@Roles` overrides a
 * controller's `@Public`.
 */
export const Public = () => SetMetadata(IS_PUBLIC_KEY, true);

/**
 * Only these roles may call the route (403 otherwise). On a controller it applies
 * to every route; a route's own `@Roles` replaces the controller's. A route with
 * neither `@Roles` nor `@Public` accepts any valid token.
 */
export const Roles = (...roles: Role[]) => {
  if (roles.length === 0 || !roles.every(isRole)) {
    throw new Error(`@Roles() needs one or more roles, got ${JSON.stringify(roles)}`);
  }
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ApiBearerAuth(BEARER_AUTH_NAME),
    ApiAuthErrors(roles.join(', ')),
  );
};

/** The verified actor; 401 if the route has none (a `@Public` route called without a token). */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<LedgerRequest>().actor;
  if (!actor) throw new UnauthorizedException('Missing bearer token');
  return actor;
});
