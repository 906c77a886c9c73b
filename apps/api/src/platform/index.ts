// What the ledger's controllers and handlers use from the platform.
export type { Actor, Role } from './auth/actor';
export { isRole, ROLES } from './auth/actor';
export type { ActorClaims } from './auth/actor-token';
export { actorFromClaims, signActorToken, verifyActorToken } from './auth/actor-token';
export { CurrentActor, Public, Roles } from './auth/auth.decorators';
export { assertOwnEnterprise, assertOwnSchool } from './auth/ownership';
export type { LedgerConfig } from './config/ledger-config';
export { LEDGER_CONFIG, LedgerConfigError, loadLedgerConfig } from './config/ledger-config';
export { InjectLedgerConfig } from './config/ledger-config.provider';
export type { ErrorBody } from './http/error-body';
export type { LedgerRequest } from './http/ledger-request';
export {
  awaitMinPosition,
  MinPositionQueryDto,
  MinPosition,
  parsePositionParam,
  QueryPosition,
  ReadModelBehindException,
} from './http/min-position';
export type { FieldError } from './http/validation';
export { RequestValidationException } from './http/validation';
export { IdempotencyKey } from './idempotency/idempotency-key.decorator';
export type { IdempotencyStore } from './idempotency/idempotency.store';
export { IDEMPOTENCY_STORE } from './idempotency/idempotency.store';
export { maskIdNumbers } from './logging/redact';
export type { PlatformModuleOptions } from './platform.module';
export { PlatformModule } from './platform.module';
