/**
 * Why a command was refused. `kind` maps one-to-one onto an HTTP status in the
 * API layer, so the domain never speaks HTTP but every refusal has exactly one
 * answer. `rule` is a rule id from RULES.md when a policy rule refused it.
 */
export type LedgerErrorKind =
  | 'invalid' // 400
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'rule' // 422
  | 'suspended'; // 423

export class LedgerError extends Error {
  constructor(
    readonly kind: LedgerErrorKind,
    message: string,
    readonly rule?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

export const ruleViolation = (rule: string, message: string, details?: Record<string, unknown>) =>
  new LedgerError('rule', message, rule, details);

export const invalidInput = (field: string, message: string) =>
  new LedgerError('invalid', `${field}: ${message}`, undefined, { field });

export const notFound = (what: string) => new LedgerError('not_found', `${what} not found`);

export const conflict = (message: string, details?: Record<string, unknown>) =>
  new LedgerError('conflict', message, undefined, details);
/** 409 that a rule of RULES.md decides (e.g. a claim already found false, R-FRAUD). */
export const ruleConflict = (rule: string, message: string, details?: Record<string, unknown>) =>
  new LedgerError('conflict', message, rule, details);

export const forbidden = (message: string, rule?: string) =>
  new LedgerError('forbidden', message, rule);
/** 423: the enterprise is suspended by an open case (R-FRAUD). */
export const suspendedError = (message: string, rule: string, details?: Record<string, unknown>) =>
  new LedgerError('suspended', message, rule, details);
