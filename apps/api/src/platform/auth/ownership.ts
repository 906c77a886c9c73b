import { LedgerError } from '@ledger/domain/shared/ledger-error';
import type { Actor } from './actor';

/** Says nothing about whether the other party exists or what it holds. */
const NOT_PERMITTED = 'Not permitted for this actor';

/**
 * An applicant acts only for the enterprise in its token; every other role
 * passes (what a role may do at all is `@Roles`' business). Throws a 403.
 */
export function assertOwnEnterprise(actor: Actor, enterpriseId: string): void {
  if (
    actor.role === 'applicant' &&
    (actor.enterpriseId === undefined || actor.enterpriseId !== enterpriseId)
  ) {
    throw new LedgerError('forbidden', NOT_PERMITTED);
  }
}

/** As assertOwnEnterprise, for the school of an internship applicant. */
export function assertOwnSchool(actor: Actor, schoolId: string): void {
  if (actor.role === 'applicant' && (actor.schoolId === undefined || actor.schoolId !== schoolId)) {
    throw new LedgerError('forbidden', NOT_PERMITTED);
  }
}
